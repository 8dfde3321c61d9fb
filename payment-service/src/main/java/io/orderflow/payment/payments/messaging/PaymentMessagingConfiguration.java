package io.orderflow.payment.payments.messaging;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.messaging.outbox.PublishedEvents;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** payment-service publishes payment results and consumes the order lifecycle. */
@Configuration(proxyBeanMethods = false)
class PaymentMessagingConfiguration {

	@Bean
	PublishedEvents publishedEvents() {
		return new PublishedEvents(PaymentEvent.CATALOG);
	}

	@Bean
	ConsumedEvents consumedEvents() {
		return ConsumedEvents.of(OrderEvent.CATALOG);
	}

}
