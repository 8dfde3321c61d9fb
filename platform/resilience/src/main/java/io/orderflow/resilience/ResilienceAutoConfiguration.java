package io.orderflow.resilience;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;

/** The resilient edges of a service and the consumer back-pressure bound to their circuits. */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@EnableConfigurationProperties(ResilienceProperties.class)
public class ResilienceAutoConfiguration {

	@Bean
	ResilientEdges resilientEdges(ResilienceProperties properties, MeterRegistry meters) {
		return new ResilientEdges(properties, meters);
	}

	@Bean
	PauseConsumerWhileCircuitOpen pauseConsumerWhileCircuitOpen(ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
		return new PauseConsumerWhileCircuitOpen(listeners);
	}

}
