package io.orderflow.notification.notifications.messaging;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.messaging.outbox.PublishedEvents;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** notification-service consumes the order lifecycle and publishes nothing of its own yet. */
@Configuration(proxyBeanMethods = false)
class NotificationMessagingConfiguration {

	@Bean
	ConsumedEvents consumedEvents() {
		return ConsumedEvents.of(OrderEvent.CATALOG);
	}

}
