package io.orderflow.messaging;

import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import org.springframework.kafka.config.TopicBuilder;

/**
 * How an orderflow topic is made, whoever creates it (a service's {@code KafkaAdmin} or
 * the admin step of a secured broker). Event topics keep a record for {@code retention},
 * dead-letter topics for {@code dead-letter-retention}, each at most a segment roll
 * longer: how long an event can come back bounds the pruning horizon (ADR 0018).
 * Dead-letter topics take a record of the topics' maximum size with the headers
 * dead-lettering adds.
 */
public final class TopicDeclarations {

	private TopicDeclarations() {
	}

	/** An event topic: what a service publishes and others consume. */
	public static NewTopic eventTopic(String name, MessagingProperties.Topics topics) {
		return topic(name, topics, topics.maxMessageSize().toBytes(), topics.retention().toMillis());
	}

	/** A consumer group's dead-letter topic. */
	public static NewTopic deadLetterTopic(String name, MessagingProperties.Topics topics) {
		return topic(name, topics, topics.deadLetterMaxMessageBytes(), topics.deadLetterRetention().toMillis());
	}

	private static NewTopic topic(String name, MessagingProperties.Topics topics, long maxMessageBytes,
			long retentionMillis) {
		return TopicBuilder.name(name)
			.partitions(topics.partitions())
			.replicas(topics.replicationFactor())
			.configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(maxMessageBytes),
					TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retentionMillis), TopicConfig.SEGMENT_MS_CONFIG,
					String.valueOf(MessagingProperties.Topics.SEGMENT_ROLL.toMillis())))
			.build();
	}

}
