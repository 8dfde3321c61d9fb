package io.orderflow.deadletter.admin;

import java.time.Duration;

import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.deadletter.DeadLetterAutoConfiguration;
import io.orderflow.messaging.deadletter.DeadLetterMetrics;
import io.orderflow.messaging.deadletter.DeadLetterResolutions;
import io.orderflow.messaging.deadletter.DeadLetterStore;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code /admin/dead-letters} API of a servlet web service on platform/messaging:
 * list, inspect, download, replay and discard its dead letters. Optional: a service
 * without this module on its class path still dead-letters, counts and alerts on poison
 * records; it only has no HTTP API to work with them.
 */
@AutoConfiguration(after = DeadLetterAutoConfiguration.class)
@ConditionalOnBean(DeadLetterStore.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class DeadLetterAdminAutoConfiguration {

	/**
	 * A replayed record lives in its replay topic, made as an event topic, for the
	 * topics' retention and a segment roll: an event older than the pruning horizon less
	 * that could come back after the inboxes forgot it, so its replay needs
	 * {@code force}.
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

	@Bean
	DeadLetterController deadLetterController(DeadLetterStore store, DeadLetterResolutions resolutions,
			DeadLetterReplayer replayer) {
		return new DeadLetterController(store, resolutions, replayer, new DeadLetterListing(store, resolutions));
	}

}
