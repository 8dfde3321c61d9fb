package io.orderflow.payment.payments.messaging;

import io.orderflow.events.order.OrderCancellationRequested;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.payment.payments.PaymentService;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/**
 * Reacts to the order lifecycle: charge what is placed, refund or void what is cancelled or expired. Outcomes that need
 * no money (confirmed, rejected, cancelled) are read and passed over.
 */
@Component
class OrderEventsListener {

	/** The listener container's id, to pause it while the provider's circuit is open. */
	static final String ID = "payment-order-events";

	private final PaymentService payments;

	OrderEventsListener(PaymentService payments) {
		this.payments = payments;
	}

	@KafkaListener(id = ID, idIsGroup = false, topics = OrderEvent.TOPIC)
	void on(OrderEvent event, @Header(name = KafkaHeaders.RECEIVED_KEY, required = false) String key) {
		switch (event) {
			case OrderPlaced placed -> payments.charge(key, placed);
			case OrderCancellationRequested cancellation -> payments.compensate(key, cancellation);
			case OrderExpired expiry -> payments.compensate(key, expiry);
			default -> {
				// not a payment matter
			}
		}
	}

}
