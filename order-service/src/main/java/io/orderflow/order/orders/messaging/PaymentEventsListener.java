package io.orderflow.order.orders.messaging;

import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.messaging.consumer.ReplayTopics;
import io.orderflow.messaging.inbox.Inbox;
import io.orderflow.order.orders.OrderNotFoundException;
import io.orderflow.order.orders.OrderService;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Moves orders on when payment-service reports a result. As every listener adapter of
 * orderflow, it keeps the record to itself: in one transaction it checks that the key is
 * the event's order id, claims the event in the inbox and applies it through the domain,
 * which gets the event alone. A redelivered event finds its claim and changes nothing.
 * Dead letters an operator replays come on the group's replay topic
 * ({@link ReplayTopics}) and are handled the same way.
 */
@Component
class PaymentEventsListener {

	private final Inbox inbox;

	private final OrderService orders;

	PaymentEventsListener(Inbox inbox, OrderService orders) {
		this.inbox = inbox;
		this.orders = orders;
	}

	@KafkaListener(topics = { PaymentEvent.TOPIC, PaymentEvent.TOPIC + ReplayTopics.OF_OWN_GROUP })
	@Transactional
	void on(PaymentEvent event, @Header(name = KafkaHeaders.RECEIVED_KEY, required = false) String key) {
		if (!inbox.isFirstDelivery(key, event)) { // checks the key first
			return;
		}
		try {
			orders.on(event);
		}
		catch (OrderNotFoundException ex) {
			// retrying cannot make an unknown order appear: straight to the dead-letter
			// topic, with the reason
			throw new PoisonEventException(
					"Payment event " + event.eventId() + " is about an unknown order " + event.orderId(), ex);
		}
	}

}
