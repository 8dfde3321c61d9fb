package io.orderflow.messaging;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.ProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producers of every service are durable, whatever the configuration says (a figure
 * won with weaker settings does not count, docs/performance.md), and do not linger: the
 * outbox relay batches a round itself (ADR 0015).
 */
class ProducerSettingsIT extends MessagingIntegrationTest {

	@Autowired
	ProducerFactory<String, Object> producers;

	@Test
	void producersWaitForAllReplicasAreIdempotentAndSendWithoutLingering() {
		var config = producers.getConfigurationProperties();

		assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
			.containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
			.containsEntry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5)
			.containsEntry(ProducerConfig.LINGER_MS_CONFIG, 0);
	}

}
