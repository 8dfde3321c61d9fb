package io.orderflow.console.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import tools.jackson.databind.JsonNode;

/**
 * One record of a topic as the console shows it.
 *
 * @param sequence the order in which the console read it
 * @param time when the event occurred ({@code ce_time}), else when Kafka stored the
 * record
 * @param name the event's name from the producers' catalogs ({@code OrderPlaced}),
 * {@code null} when unknown
 * @param producer the service that published it, {@code null} when unknown
 * @param deadLetter whether it was read from a dead-letter topic
 * @param note what is wrong with it, if anything: a dead letter's reason, an unknown type
 * @param payload the value, readable and short
 * @param size the value's size in bytes
 */
public record ObservedEvent(long sequence, String topic, int partition, long offset, Instant time, String key,
		String type, String name, String producer, String eventId, boolean deadLetter, String note, String payload,
		int size) {

	static final int MAX_KEY_CHARS = 80;

	/**
	 * Reads what the console needs from a record; never fails, whatever the record holds.
	 */
	static Parsed parse(long sequence, ConsumerRecord<byte[], byte[]> record) {
		String type = header(record, CloudEventsHeaders.TYPE);
		Optional<EventTypes.Known> known = EventTypes.of(type);
		boolean deadLetter = record.topic().endsWith(".dlt");
		JsonNode json = PayloadText.json(record.value());
		String note = null;
		if (deadLetter) {
			note = Optional.ofNullable(header(record, CloudEventsHeaders.DEAD_LETTER_REASON)).orElse("dead-lettered");
		}
		else if (type == null) {
			note = "no ce_type header: not a CloudEvent";
		}
		else if (known.isEmpty()) {
			note = "unknown event type";
		}
		else if (json == null) {
			note = "value is not a JSON object";
		}
		ObservedEvent event = new ObservedEvent(sequence, record.topic(), record.partition(), record.offset(),
				time(record), key(record.key()), type, known.map(EventTypes.Known::name).orElse(null),
				known.map(EventTypes.Known::producer).orElse(null), header(record, CloudEventsHeaders.ID), deadLetter,
				note, PayloadText.of(record.value(), json), record.value() == null ? 0 : record.value().length);
		boolean wellFormed = !deadLetter && note == null;
		return new Parsed(event, wellFormed ? known.orElse(null) : null, json);
	}

	/**
	 * A record with what the order board needs besides the view.
	 *
	 * @param known the event's type when it is a well-formed event of a producer's topic,
	 * else {@code null}
	 * @param json the value's JSON object, or {@code null}
	 */
	record Parsed(ObservedEvent event, EventTypes.Known known, JsonNode json) {
	}

	private static Instant time(ConsumerRecord<byte[], byte[]> record) {
		String time = header(record, CloudEventsHeaders.TIME);
		if (time != null) {
			try {
				return Instant.parse(time);
			}
			catch (DateTimeParseException ex) {
				// not a CloudEvents time: Kafka's timestamp says when it arrived, near
				// enough
			}
		}
		return Instant.ofEpochMilli(record.timestamp());
	}

	private static String key(byte[] key) {
		if (key == null) {
			return null;
		}
		String text = new String(key, StandardCharsets.UTF_8);
		return text.length() > MAX_KEY_CHARS ? text.substring(0, MAX_KEY_CHARS) + "…" : text;
	}

	private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		if (header == null || header.value() == null) {
			return null;
		}
		String value = new String(header.value(), StandardCharsets.UTF_8);
		return value.length() > 500 ? value.substring(0, 500) + "…" : value;
	}

}
