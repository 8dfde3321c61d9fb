package io.orderflow.console.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Records as the console's consumer receives them, built the way the services' outbox
 * relays publish them.
 */
final class Records {

	private static long offset;

	private Records() {
	}

	static ConsumerRecord<byte[], byte[]> event(String topic, String orderId, String type, Instant at, String json) {
		return event(topic, orderId, type, UUID.randomUUID().toString(), at, json);
	}

	static ConsumerRecord<byte[], byte[]> event(String topic, String orderId, String type, String eventId, Instant at,
			String json) {
		RecordHeaders headers = new RecordHeaders();
		headers.add("ce_specversion", bytes("1.0"));
		headers.add("ce_id", bytes(eventId));
		headers.add("ce_type", bytes(type));
		headers.add("ce_time", bytes(at.toString()));
		return record(topic, bytes(orderId), bytes(json), headers);
	}

	static ConsumerRecord<byte[], byte[]> record(String topic, byte[] key, byte[] value, RecordHeaders headers) {
		return new ConsumerRecord<>(topic, 0, offset++, 0L, TimestampType.CREATE_TIME, -1, -1, key, value, headers,
				Optional.empty());
	}

	static byte[] bytes(String text) {
		return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
	}

}
