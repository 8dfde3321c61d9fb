package io.orderflow.testsupport.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.cloudevents.CloudEventRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.DefaultRecord;
import org.apache.kafka.common.record.DefaultRecordBatch;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The standard kinds of poison record on the order topic that a consuming service must
 * dead-letter (property I6, docs/architecture.md): each is the record the outbox relay
 * would write for a real event (so the dead letter can be found by its {@code ce_id}),
 * with one thing broken.
 */
public final class PoisonRecords {

	/**
	 * Twice the default size limit of one event (and of one record at a default broker).
	 */
	public static final int OVERSIZED_BYTES = 2 * 1024 * 1024;

	/** The reason a consumer gives for a record above its event size limit. */
	public static final String OVERSIZED_REASON = "exceeds the limit of";

	/** A CloudEvents type no version of any service knows. */
	public static final String UNKNOWN_TYPE = "orderflow.order.teleported.v1";

	private static final byte[] NOT_JSON = { (byte) 0xC3, 0x28, '{', 'n', 'o', 't', ' ', 'j', 's', 'o', 'n' };

	private static final EventJson eventJson = new EventJson();

	private static final JsonMapper json = JsonMapper.builder().build();

	private PoisonRecords() {
	}

	/** A payload that is not JSON at all (nor valid UTF-8). */
	public static ProducerRecord<String, byte[]> notJson(OrderEvent event, String type) {
		return record(event.orderId().toString(), event, type, NOT_JSON);
	}

	/** A valid payload under a type no consumer knows. */
	public static ProducerRecord<String, byte[]> unknownType(OrderEvent event) {
		return record(event.orderId().toString(), event, UNKNOWN_TYPE, eventJson.write(event));
	}

	/** The event's payload without one of its required properties. */
	public static ProducerRecord<String, byte[]> withoutProperty(OrderEvent event, String type, String property) {
		ObjectNode payload = (ObjectNode) json.readTree(eventJson.write(event));
		payload.remove(property);
		return record(event.orderId().toString(), event, type, json.writeValueAsBytes(payload));
	}

	/**
	 * Random bytes (nothing to compress), as many as make a record with this key and
	 * these headers, sent alone, a batch of exactly {@code maximumBatchBytes}: the
	 * largest record a topic with that {@code max.message.bytes} accepts.
	 */
	public static byte[] valueFillingBatch(int maximumBatchBytes, String key, Header[] headers) {
		byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
		int length = maximumBatchBytes - DefaultRecordBatch.RECORD_BATCH_OVERHEAD;
		while (length > 0 && batchSize(keyBytes, new byte[length], headers) > maximumBatchBytes) {
			length--;
		}
		byte[] value = new byte[length];
		new Random(42).nextBytes(value);
		return value;
	}

	/**
	 * The size of the batch a record with this key, value and headers makes when it is
	 * sent alone.
	 */
	public static int batchSize(byte[] key, byte[] value, Header[] headers) {
		return DefaultRecordBatch.RECORD_BATCH_OVERHEAD
				+ DefaultRecord.sizeInBytes(0, 0, ByteBuffer.wrap(key), ByteBuffer.wrap(value), headers);
	}

	/**
	 * The event's valid payload padded with whitespace to {@link #OVERSIZED_BYTES}: only
	 * its size is wrong.
	 */
	public static ProducerRecord<String, byte[]> oversized(OrderEvent event, String type) {
		return record(event.orderId().toString(), event, type, paddedTo(eventJson.write(event), OVERSIZED_BYTES));
	}

	/**
	 * JSON followed by whitespace up to the given size: still the same JSON to a parser.
	 */
	public static byte[] paddedTo(byte[] json, int size) {
		byte[] padded = Arrays.copyOf(json, size);
		Arrays.fill(padded, json.length, size, (byte) ' ');
		return padded;
	}

	/** A valid event on a record without a key. */
	public static ProducerRecord<String, byte[]> withoutKey(OrderEvent event, String type) {
		return record(null, event, type, eventJson.write(event));
	}

	/** A valid event on a record keyed by some other order's id. */
	public static ProducerRecord<String, byte[]> foreignKey(OrderEvent event, String type) {
		return record(UUID.randomUUID().toString(), event, type, eventJson.write(event));
	}

	/**
	 * A record as the outbox relay would write it, but with whatever key, type and
	 * payload the test needs.
	 */
	public static ProducerRecord<String, byte[]> record(String key, OrderEvent event, String type, byte[] payload) {
		ProducerRecord<String, Object> record = CloudEventRecords.of(OrderEvent.TOPIC, event.orderId().toString(),
				event.eventId(), type, OrderEvent.CATALOG.source(), Instant.now(), payload);
		return new ProducerRecord<>(OrderEvent.TOPIC, null, key, payload, record.headers());
	}

}
