package io.orderflow.testsupport.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.orderflow.events.IntegrationEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks on what a consumer's dead-letter topic holds: each dead letter is found by the
 * event id of the record it replaces ({@code ce_id}) and carries its origin and the
 * exception that rejected it in spring-kafka's headers.
 */
public final class DeadLetterAssertions {

	private final Map<String, ConsumerRecord<String, byte[]>> byEventId;

	private final String originalTopic;

	private final String consumerGroup;

	private DeadLetterAssertions(Map<String, ConsumerRecord<String, byte[]>> byEventId, String originalTopic,
			String consumerGroup) {
		this.byEventId = byEventId;
		this.originalTopic = originalTopic;
		this.consumerGroup = consumerGroup;
	}

	/**
	 * @param deadLetterRecords every record read from the dead-letter topic
	 * @param originalTopic the topic the dead letters came from
	 * @param consumerGroup the consumer group that rejected them
	 */
	public static DeadLetterAssertions of(List<ConsumerRecord<String, byte[]>> deadLetterRecords, String originalTopic,
			String consumerGroup) {
		Map<String, ConsumerRecord<String, byte[]>> byEventId = deadLetterRecords.stream()
			.filter(record -> header(record, "ce_id") != null)
			.collect(Collectors.toMap(record -> header(record, "ce_id"), record -> record, (a, b) -> b));
		return new DeadLetterAssertions(byEventId, originalTopic, consumerGroup);
	}

	/**
	 * The dead letter carries its origin and the exception that rejected it. For a record
	 * that could not be deserialised, spring-kafka's message header only says "failed to
	 * deserialize": the reason is in the stack trace header, among the causes.
	 */
	public void assertDeadLettered(IntegrationEvent event, Class<? extends Exception> exception, String reason) {
		ConsumerRecord<String, byte[]> record = byEventId.get(event.eventId().toString());
		assertThat(record).as("dead letter of event %s", event.eventId()).isNotNull();
		assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(originalTopic);
		assertThat(header(record, "kafka_dlt-original-consumer-group")).isEqualTo(consumerGroup);
		assertThat(
				List.of(header(record, "kafka_dlt-exception-fqcn"), header(record, "kafka_dlt-exception-cause-fqcn")))
			.as("exception headers of the dead letter of %s", event.eventId())
			.contains(exception.getName());
		assertThat(
				header(record, "kafka_dlt-exception-message") + "\n" + header(record, "kafka_dlt-exception-stacktrace"))
			.as("reason in the headers of the dead letter of %s", event.eventId())
			.contains(reason);
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

}
