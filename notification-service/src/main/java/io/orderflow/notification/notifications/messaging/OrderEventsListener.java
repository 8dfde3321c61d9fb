package io.orderflow.notification.notifications.messaging;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.messaging.consumer.ReplayTopics;
import io.orderflow.messaging.inbox.Inbox;
import io.orderflow.notification.notifications.EventPosition;
import io.orderflow.notification.notifications.NotificationService;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the order lifecycle; outcomes become emails.
 *
 * <p>
 * As every listener adapter of orderflow, it keeps the record to itself: in one
 * transaction it checks that the key is the event's order id, claims the event in the
 * inbox and applies it through the domain, which gets the event (and where it was read,
 * which a deferred email keeps to dead-letter it later). The email is sent in that
 * transaction, so an event whose email the mail server did not take is not claimed and
 * comes again. An {@code OrderPlaced} tells whose order it is, which is kept. Other
 * events that make no email are checked and passed over, unclaimed. Dead letters an
 * operator replays come on the group's replay topic ({@link ReplayTopics}) and are
 * handled the same way.
 */
@Component
class OrderEventsListener {

	/**
	 * The listener container's id, to pause it while the mail server's circuit is open.
	 */
	static final String ID = "notification-order-events";

	private final Inbox inbox;

	private final NotificationService notifications;

	OrderEventsListener(Inbox inbox, NotificationService notifications) {
		this.inbox = inbox;
		this.notifications = notifications;
	}

	@KafkaListener(id = ID, idIsGroup = false,
			topics = { OrderEvent.TOPIC, OrderEvent.TOPIC + ReplayTopics.OF_OWN_GROUP })
	@Transactional
	void on(OrderEvent event, @Header(name = KafkaHeaders.RECEIVED_KEY, required = false) String key,
			@Header(KafkaHeaders.RECEIVED_PARTITION) int partition, @Header(KafkaHeaders.OFFSET) long offset) {
		Inbox.requireKeyIsAggregateId(key, event);
		if (event instanceof OrderPlaced placed) {
			// no email, only whose order it is: recorded once however often it comes, so
			// without the inbox
			notifications.on(placed);
		}
		else if (notifications.emailsAbout(event) && inbox.isFirstDelivery(key, event)) {
			notifications.on(event, new EventPosition(partition, offset));
		}
	}

}
