package io.orderflow.order.orders.messaging;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.messaging.outbox.PublishedEvents;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** order-service publishes the order lifecycle and consumes payment results. */
@Configuration(proxyBeanMethods = false)
class OrderMessagingConfiguration {

	@Bean
	PublishedEvents publishedEvents() {
		return new PublishedEvents(OrderEvent.CATALOG);
	}

	@Bean
	ConsumedEvents consumedEvents() {
		return ConsumedEvents.of(PaymentEvent.CATALOG);
	}

}
