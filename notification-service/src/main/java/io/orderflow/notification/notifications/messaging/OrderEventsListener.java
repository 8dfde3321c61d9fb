package io.orderflow.notification.notifications.messaging;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.notification.notifications.NotificationService;
import io.orderflow.notification.notifications.ReceivedEvent;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;

/** Reads the order lifecycle; outcomes become emails. */
@Component
class OrderEventsListener {

	/** The listener container's id, to pause it while the mail server's circuit is open. */
	static final String ID = "notification-order-events";

	private final NotificationService notifications;

	OrderEventsListener(NotificationService notifications) {
		this.notifications = notifications;
	}

	@KafkaListener(id = ID, idIsGroup = false, topics = OrderEvent.TOPIC)
	void on(OrderEvent event, @Header(name = KafkaHeaders.RECEIVED_KEY, required = false) String key,
			@Header(KafkaHeaders.RECEIVED_PARTITION) int partition, @Header(KafkaHeaders.OFFSET) long offset) {
		notifications.on(new ReceivedEvent(key, event, partition, offset));
	}

}
