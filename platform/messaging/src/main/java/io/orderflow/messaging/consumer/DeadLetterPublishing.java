package io.orderflow.messaging.consumer;

import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * How every orderflow consumer writes a dead letter: spring-kafka's
 * {@link DeadLetterPublishingRecoverer} to the group's dead-letter topic
 * ({@link DeadLetterTopics}; the source topic's for a record read from the group's replay
 * topic), with the reason and attempt count ({@link ConsumerFailures}) and bounded
 * exception headers ({@link DeadLetterHeaders}). The error handler uses it; so can a
 * service that dead-letters a record itself, so that its dead letters look the same.
 */
public final class DeadLetterPublishing {

	private DeadLetterPublishing() {
	}

	/**
	 * Waits for Kafka's acknowledgement of each dead letter and fails when it is not
	 * written.
	 */
	public static DeadLetterPublishingRecoverer recoverer(KafkaOperations<?, ?> kafka, String consumerGroup) {
		var recoverer = new DeadLetterPublishingRecoverer(kafka,
				(record, ex) -> new TopicPartition(DeadLetterTopics.ofRecordFrom(record.topic(), consumerGroup), -1));
		recoverer.setHeadersFunction(ConsumerFailures::deadLetterHeaders);
		recoverer.setExceptionHeadersCreator(DeadLetterHeaders.exceptionHeaders());
		return recoverer;
	}

}
