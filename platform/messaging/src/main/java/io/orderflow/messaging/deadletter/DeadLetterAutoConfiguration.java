package io.orderflow.messaging.deadletter;

import io.orderflow.messaging.MessagingAutoConfiguration;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.consumer.ConsumedEvents;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every service knows of its dead letters: the store reading the service's DLTs, the
 * resolutions table, and, when Micrometer is present, the {@code orderflow.dead.letters}
 * gauge and the {@code orderflow.dead.letter.failures} counter the alerts read. Working
 * with them (list, replay, discard) is the optional {@code platform/dead-letter-admin}
 * module.
 */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnBean(ConsumedEvents.class)
public class DeadLetterAutoConfiguration {

	@Bean
	DeadLetterStore deadLetterStore(KafkaProperties kafka, ConsumedEvents consumed, MessagingProperties properties) {
		return new DeadLetterStore(kafka.buildConsumerProperties(), consumed, kafka.getConsumer().getGroupId(),
				properties.deadLetters().concurrentReads());
	}

	@Bean
	DeadLetterResolutions deadLetterResolutions(JdbcClient jdbc) {
		return new DeadLetterResolutions(jdbc);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
	static class Metrics {

		@Bean
		DeadLetterMetrics deadLetterMetrics(DeadLetterStore store, DeadLetterResolutions resolutions) {
			return new DeadLetterMetrics(store, resolutions);
		}

		@Bean
		DeadLetteringFailureMetrics deadLetteringFailureMetrics(DeadLetterStore store) {
			return new DeadLetteringFailureMetrics(store.topics());
		}

	}

}
