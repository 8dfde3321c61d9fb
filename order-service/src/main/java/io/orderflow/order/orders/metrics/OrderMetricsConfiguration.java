package io.orderflow.order.orders.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The saga's business metrics: counted by listening to the orders' domain events
 * ({@link SagaMetrics}), and read from the orders still in flight
 * ({@link InFlightOrderMetrics}).
 */
@Configuration(proxyBeanMethods = false)
class OrderMetricsConfiguration {

	@Bean
	SagaMetrics sagaMetrics(MeterRegistry registry) {
		return new SagaMetrics(registry);
	}

	@Bean
	InFlightOrderMetrics inFlightOrderMetrics(JdbcClient jdbc) {
		return new InFlightOrderMetrics(jdbc);
	}

}
