package io.orderflow.payment.payments.messaging;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.messaging.outbox.PublishedEvents;
import io.orderflow.payment.payments.PaymentProvider;
import io.orderflow.resilience.PauseConsumerWhileCircuitOpen;
import io.orderflow.resilience.ResilientEdges;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * payment-service publishes payment results and consumes the order lifecycle, paced by
 * the provider's circuit.
 */
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

	/**
	 * Back-pressure: no order events are pulled while the provider's circuit is open;
	 * they wait in Kafka.
	 */
	@Bean
	SmartInitializingSingleton pauseOrderEventsWhileProviderCircuitOpen(PauseConsumerWhileCircuitOpen pause,
			ResilientEdges edges) {
		return () -> pause.bind(edges.named(PaymentProvider.EDGE), OrderEventsListener.ID);
	}

}
