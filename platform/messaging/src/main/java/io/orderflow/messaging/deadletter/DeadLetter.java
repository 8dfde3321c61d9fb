package io.orderflow.messaging.deadletter;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import io.orderflow.messaging.consumer.ConsumerFailures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * One record of a dead-letter topic, as read from Kafka: its coordinates there, and the
 * original record's key, value and headers with the {@code kafka_dlt-*} /
 * {@code orderflow_dlt-*} explanations added on the way in.
 */
public record DeadLetter(String topic, int partition, long offset, Instant timestamp, byte[] key, byte[] value,
		List<Header> headers) {

	static final String ORIGINAL_TOPIC = KafkaHeaders.DLT_ORIGINAL_TOPIC;

	static final String ORIGINAL_PARTITION = KafkaHeaders.DLT_ORIGINAL_PARTITION;

	static final String ORIGINAL_OFFSET = KafkaHeaders.DLT_ORIGINAL_OFFSET;

	/** Headers spring-kafka writes as big-endian numbers, not text. */
	public static final java.util.Set<String> NUMERIC_HEADERS = java.util.Set.of(KafkaHeaders.DLT_ORIGINAL_PARTITION,
			KafkaHeaders.DLT_ORIGINAL_OFFSET, KafkaHeaders.DLT_ORIGINAL_TIMESTAMP, KafkaHeaders.DELIVERY_ATTEMPT);

	static DeadLetter of(ConsumerRecord<byte[], byte[]> record) {
		return new DeadLetter(record.topic(), record.partition(), record.offset(),
				Instant.ofEpochMilli(record.timestamp()), record.key(), record.value(),
				List.of(record.headers().toArray()));
	}

	/**
	 * The key as the producer wrote it (a string serializer); {@code null} for a record
	 * without key.
	 */
	public String keyText() {
		return key == null ? null : new String(key, StandardCharsets.UTF_8);
	}

	public Optional<byte[]> header(String name) {
		byte[] found = null;
		for (Header header : headers) {
			if (header.key().equals(name)) {
				found = header.value();
			}
		}
		return Optional.ofNullable(found);
	}

	public Optional<String> headerText(String name) {
		return header(name).map(value -> new String(value, StandardCharsets.UTF_8));
	}

	public Optional<String> reason() {
		return headerText(ConsumerFailures.REASON_HEADER);
	}

	public Optional<Integer> attempts() {
		return headerText(ConsumerFailures.ATTEMPTS_HEADER).flatMap(DeadLetter::parseInt);
	}

	public Optional<String> originalTopic() {
		return headerText(ORIGINAL_TOPIC);
	}

	/**
	 * spring-kafka writes the original partition as a 4-byte and the offset as an 8-byte
	 * big-endian number.
	 */
	public Optional<Integer> originalPartition() {
		return header(ORIGINAL_PARTITION).filter(v -> v.length == Integer.BYTES).map(v -> ByteBuffer.wrap(v).getInt());
	}

	public Optional<Long> originalOffset() {
		return header(ORIGINAL_OFFSET).filter(v -> v.length == Long.BYTES).map(v -> ByteBuffer.wrap(v).getLong());
	}

	/**
	 * Bytes rendered for a human: at most their first {@code maxBytes}, as UTF-8 text
	 * when those are valid UTF-8 (cut on a character boundary), else in base64. Only
	 * those first bytes are looked at, so rendering a preview of a large payload costs
	 * the preview, not the payload.
	 */
	public static Rendered render(byte[] bytes, int maxBytes) {
		if (bytes == null) {
			return new Rendered(null, null, 0, false);
		}
		boolean truncated = bytes.length > maxBytes;
		int end = bytes.length;
		if (truncated) {
			// a continuation byte (10xxxxxx) at the cut is inside a character: cut before
			// that character
			end = maxBytes;
			while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
				end--;
			}
		}
		String text = utf8(bytes, end);
		if (text != null) {
			return new Rendered(text, "utf-8", bytes.length, truncated);
		}
		return new Rendered(Base64.getEncoder().encodeToString(truncated ? Arrays.copyOf(bytes, maxBytes) : bytes),
				"base64", bytes.length, truncated);
	}

	/**
	 * The first {@code length} bytes when valid UTF-8 without control characters other
	 * than whitespace, else null.
	 */
	private static String utf8(byte[] bytes, int length) {
		for (int i = 0; i < length; i++) {
			byte b = bytes[i];
			if ((b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7f) {
				return null;
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, 0, length))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static Optional<Integer> parseInt(String text) {
		try {
			return Optional.of(Integer.parseInt(text.trim()));
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * @param content the text or base64, {@code null} for a null value
	 * @param encoding {@code utf-8} or {@code base64}
	 * @param size the full size in bytes
	 * @param truncated whether {@code content} holds only the first bytes
	 */
	public record Rendered(String content, String encoding, int size, boolean truncated) {
	}

}
