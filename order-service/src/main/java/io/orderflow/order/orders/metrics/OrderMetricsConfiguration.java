package io.orderflow.order.orders.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.order.orders.OrderRepository;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.function.SingletonSupplier;

/**
 * The saga's business metrics. They are counted by decorating the {@link OrderRepository}, where every step of a
 * saga is stored, so the use cases stay free of metrics code.
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

	/** Static, and the meters looked up on first use: a post-processor must not pull the registry up early. */
	@Bean
	static BeanPostProcessor meteredOrderRepository(ObjectProvider<SagaMetrics> metrics) {
		SingletonSupplier<SagaMetrics> sagaMetrics = SingletonSupplier.of(metrics::getObject);
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				return bean instanceof OrderRepository orders ? new MeteredOrderRepository(orders, sagaMetrics) : bean;
			}
		};
	}

}
