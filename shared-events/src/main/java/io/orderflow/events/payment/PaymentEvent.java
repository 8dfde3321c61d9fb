package io.orderflow.events.payment;

import java.util.UUID;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;

/**
 * What payment-service tells the world about the money of an order. Published on
 * {@link #TOPIC}.
 */
public sealed interface PaymentEvent extends IntegrationEvent
		permits PaymentAuthorized, PaymentDeclined, PaymentDeclinedV2, PaymentRefunded, PaymentVoided {

	String TOPIC = "orderflow.payment.events";

	EventCatalog<PaymentEvent> CATALOG = EventCatalog
		.of(PaymentEvent.class, "order", TOPIC, "/orderflow/payment-service")
		.with("orderflow.payment.authorized.v1", PaymentAuthorized.class)
		.with("orderflow.payment.declined.v1", PaymentDeclined.class)
		.with("orderflow.payment.declined.v2", PaymentDeclinedV2.class)
		.with("orderflow.payment.refunded.v1", PaymentRefunded.class)
		.with("orderflow.payment.voided.v1", PaymentVoided.class);

	/** The order this fact is about; on the wire, the payload's {@code orderId}. */
	UUID orderId();

	/**
	 * Every event of the family is about one order: its id is the record key and the
	 * CloudEvents subject.
	 */
	@Override
	default UUID aggregateId() {
		return orderId();
	}

}
