package io.orderflow.notification.notifications.messaging;

import java.util.List;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.messaging.consumer.RecordBatches;
import io.orderflow.messaging.consumer.ReplayTopics;
import io.orderflow.messaging.inbox.Inbox;
import io.orderflow.notification.notifications.EventPosition;
import io.orderflow.notification.notifications.NotificationService;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads the order lifecycle; outcomes become emails.
 *
 * <p>
 * As every listener adapter of orderflow, it keeps the record to itself: it checks that
 * the key is the event's order id, claims the event in the inbox and applies it through
 * the domain, which gets the event (and where it was read, which a deferred email keeps
 * to dead-letter it later). The email is sent in the transaction that claims the event,
 * so an event whose email the mail server did not take is not claimed and comes again. An
 * {@code OrderPlaced} tells whose order it is, which is kept. Other events that make no
 * email are checked and passed over, unclaimed. Dead letters an operator replays come on
 * the group's replay topic ({@link ReplayTopics}) and are handled the same way.
 *
 * <p>
 * It takes a poll's records together ({@link RecordBatches}, ADR 0024): one transaction
 * for all of them, and one per record, in order, when that fails. An email sent in a
 * batch that then rolled back is recorded, not sent again, when its record is applied on
 * its own ({@code SentButUncommittedEmails}).
 */
@Component
class OrderEventsListener {

	/**
	 * The listener container's id, to pause it while the mail server's circuit is open.
	 */
	static final String ID = "notification-order-events";

	private final Inbox inbox;

	private final NotificationService notifications;

	private final RecordBatches batches;

	OrderEventsListener(Inbox inbox, NotificationService notifications, RecordBatches batches) {
		this.inbox = inbox;
		this.notifications = notifications;
		this.batches = batches;
	}

	@KafkaListener(id = ID, idIsGroup = false,
			topics = { OrderEvent.TOPIC, OrderEvent.TOPIC + ReplayTopics.OF_OWN_GROUP }, batch = "true",
			properties = ConsumerConfig.MAX_POLL_RECORDS_CONFIG + "=" + RecordBatches.MAX_RECORDS)
	void on(List<ConsumerRecord<String, OrderEvent>> records) {
		batches.apply(ID, records, this::apply);
	}

	private void apply(ConsumerRecord<String, OrderEvent> record) {
		OrderEvent event = record.value();
		String key = record.key();
		Inbox.requireKeyIsAggregateId(key, event);
		if (event instanceof OrderPlaced placed) {
			// no email, only whose order it is: recorded once however often it comes, so
			// without the inbox
			notifications.on(placed);
		}
		else if (notifications.emailsAbout(event) && inbox.isFirstDelivery(key, event)) {
			notifications.on(event, new EventPosition(record.partition(), record.offset()));
		}
	}

}
