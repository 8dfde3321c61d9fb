package io.orderflow.order.orders.messaging;

import java.util.List;

import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.messaging.consumer.RecordBatches;
import io.orderflow.messaging.consumer.ReplayTopics;
import io.orderflow.messaging.inbox.Inbox;
import io.orderflow.order.orders.OrderNotFoundException;
import io.orderflow.order.orders.OrderService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Moves orders on when payment-service reports a result. As every listener adapter of
 * orderflow, it keeps the record to itself: in the transaction that applies the event it
 * checks that the key is the event's order id, claims the event in the inbox and applies
 * it through the domain, which gets the event alone. A redelivered event finds its claim
 * and changes nothing. Dead letters an operator replays come on the group's replay topic
 * ({@link ReplayTopics}) and are handled the same way.
 *
 * <p>
 * It takes a poll's records together ({@link RecordBatches}, ADR 0024): one transaction
 * for all of them, their outbox rows relayed together, and one transaction per record, in
 * order, when that fails.
 */
@Component
class PaymentEventsListener {

	/** The listener container's id. */
	static final String ID = "order-payment-events";

	private final Inbox inbox;

	private final OrderService orders;

	private final RecordBatches batches;

	PaymentEventsListener(Inbox inbox, OrderService orders, RecordBatches batches) {
		this.inbox = inbox;
		this.orders = orders;
		this.batches = batches;
	}

	@KafkaListener(id = ID, idIsGroup = false,
			topics = { PaymentEvent.TOPIC, PaymentEvent.TOPIC + ReplayTopics.OF_OWN_GROUP }, batch = "true",
			properties = ConsumerConfig.MAX_POLL_RECORDS_CONFIG + "=" + RecordBatches.MAX_RECORDS)
	void on(List<ConsumerRecord<String, PaymentEvent>> records) {
		batches.apply(ID, records, this::apply);
	}

	private void apply(ConsumerRecord<String, PaymentEvent> record) {
		PaymentEvent event = record.value();
		if (!inbox.isFirstDelivery(record.key(), event)) { // checks the key first
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
