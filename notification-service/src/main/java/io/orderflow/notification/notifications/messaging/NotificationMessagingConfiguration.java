package io.orderflow.notification.notifications.messaging;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.notification.notifications.Mailer;
import io.orderflow.resilience.PauseConsumerWhileCircuitOpen;
import io.orderflow.resilience.ResilientEdges;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * notification-service consumes the order lifecycle and publishes nothing of its own yet.
 */
@Configuration(proxyBeanMethods = false)
class NotificationMessagingConfiguration {

	@Bean
	ConsumedEvents consumedEvents() {
		return ConsumedEvents.of(OrderEvent.CATALOG);
	}

	/**
	 * Back-pressure: no order events are pulled while the mail server's circuit is open;
	 * they wait in Kafka.
	 */
	@Bean
	SmartInitializingSingleton pauseOrderEventsWhileMailCircuitOpen(PauseConsumerWhileCircuitOpen pause,
			ResilientEdges edges) {
		return () -> pause.bind(edges.named(Mailer.EDGE), OrderEventsListener.ID);
	}

}
