package io.orderflow.messaging.deadletter;

import java.time.Duration;

import io.orderflow.messaging.MessagingAutoConfiguration;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.consumer.ConsumedEvents;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Dead letters an operator can work with, for every service on messaging-support: the store reading the service's
 * DLTs, the resolutions table, the {@code orderflow.dead.letters} gauge and the {@code orderflow.dead.letter.failures}
 * counter when Micrometer is present, and the
 * {@code /admin/dead-letters} API in servlet web applications.
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

	/**
	 * A replayed record lives in its topic for the topics' retention and a segment roll: an event older than the
	 * pruning horizon less that could come back after the inboxes forgot it, so its replay needs {@code force}.
	 */
	@Bean
	DeadLetterReplayer deadLetterReplayer(DeadLetterStore store, DeadLetterResolutions resolutions,
			KafkaTemplate<String, Object> kafka, TransactionTemplate transactions,
			ObjectProvider<DeadLetterMetrics> metrics, MessagingProperties properties) {
		Duration replayWindow = properties.pruning()
			.horizon()
			.minus(properties.topics().retention())
			.minus(MessagingProperties.Topics.SEGMENT_ROLL);
		return new DeadLetterReplayer(store, resolutions, kafka, transactions,
				() -> metrics.ifAvailable(DeadLetterMetrics::invalidate), replayWindow);
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

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
	static class Web {

		@Bean
		DeadLetterController deadLetterController(DeadLetterStore store, DeadLetterResolutions resolutions,
				DeadLetterReplayer replayer) {
			return new DeadLetterController(store, resolutions, replayer, new DeadLetterListing(store, resolutions));
		}

	}

}
