package io.orderflow.resilience;

import io.github.resilience4j.retry.RetryRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JAutoConfiguration;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/**
 * The resilient edges of a service, on Spring Cloud CircuitBreaker's Resilience4j
 * factory, and the consumer back-pressure bound to their circuits. The one resilience
 * default every edge shares is {@code edge-defaults.properties} beside this class: the
 * lowest-precedence property source, so a service's {@code application.yml} overrides a
 * value for one downstream ({@code resilience4j.*.instances.<name>.*}) or, rarely, for
 * all.
 */
@AutoConfiguration(after = Resilience4JAutoConfiguration.class)
@PropertySource("classpath:io/orderflow/resilience/edge-defaults.properties")
public class ResilienceAutoConfiguration {

	@Bean
	ResilientEdges resilientEdges(Resilience4JCircuitBreakerFactory circuitBreakers, RetryRegistry retries) {
		return new ResilientEdges(circuitBreakers, retries);
	}

	@Bean
	PauseConsumerWhileCircuitOpen pauseConsumerWhileCircuitOpen(
			ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
		return new PauseConsumerWhileCircuitOpen(listeners);
	}

}
