package io.orderflow.events.order;

import java.util.UUID;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;

/**
 * Everything order-service tells the world about an order's life. Published on
 * {@link #TOPIC}.
 */
public sealed interface OrderEvent extends IntegrationEvent
		permits OrderPlaced, OrderCancellationRequested, OrderConfirmed, OrderRejected, OrderCancelled, OrderExpired {

	String TOPIC = "orderflow.order.events";

	EventCatalog<OrderEvent> CATALOG = EventCatalog.of(OrderEvent.class, "order", TOPIC, "/orderflow/order-service")
		.with("orderflow.order.placed.v1", OrderPlaced.class)
		.with("orderflow.order.cancellation-requested.v1", OrderCancellationRequested.class)
		.with("orderflow.order.confirmed.v1", OrderConfirmed.class)
		.with("orderflow.order.rejected.v1", OrderRejected.class)
		.with("orderflow.order.cancelled.v1", OrderCancelled.class)
		.with("orderflow.order.expired.v1", OrderExpired.class);

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
