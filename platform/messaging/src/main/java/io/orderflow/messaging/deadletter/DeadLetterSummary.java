package io.orderflow.messaging.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.orderflow.messaging.cloudevents.CloudEventHeaders;
import io.orderflow.messaging.consumer.DeadLetterHeaders;
import org.jspecify.annotations.Nullable;

/**
 * What a listing keeps of a dead letter: its coordinates, what its headers say (each cut
 * to a bound) and a preview of its payload, never the payload itself. A listing of
 * hundreds of dead letters of megabytes each holds kilobytes per dead letter; the payload
 * whole is read when one dead letter is inspected.
 *
 * @param key the record key as text, at most {@value #MAX_KEY_BYTES} bytes of it
 * @param payload the first bytes of the value, rendered; its {@code size} is the whole
 * value's
 */
public record DeadLetterSummary(String topic, int partition, long offset, Instant timestamp, @Nullable String key,
		@Nullable String type, @Nullable String eventId, @Nullable String reason, @Nullable Integer attempts,
		@Nullable String originalTopic, @Nullable Integer originalPartition, @Nullable Long originalOffset,
		DeadLetter.Rendered payload) {

	static final int MAX_KEY_BYTES = 1024;

	/** CloudEvents attributes and topic names are short; anything longer is cut. */
	static final int MAX_ATTRIBUTE_BYTES = 256;

	public static DeadLetterSummary of(DeadLetter deadLetter, int previewBytes) {
		return new DeadLetterSummary(deadLetter.topic(), deadLetter.partition(), deadLetter.offset(),
				deadLetter.timestamp(), cut(deadLetter.keyText(), MAX_KEY_BYTES),
				cut(deadLetter.headerText(CloudEventHeaders.TYPE).orElse(null), MAX_ATTRIBUTE_BYTES),
				cut(deadLetter.headerText(CloudEventHeaders.ID).orElse(null), MAX_ATTRIBUTE_BYTES),
				cut(deadLetter.reason().orElse(null), DeadLetterHeaders.MAX_TEXT_BYTES),
				deadLetter.attempts().orElse(null), cut(deadLetter.originalTopic().orElse(null), MAX_ATTRIBUTE_BYTES),
				deadLetter.originalPartition().orElse(null), deadLetter.originalOffset().orElse(null),
				DeadLetter.render(deadLetter.value(), previewBytes));
	}

	private static @Nullable String cut(@Nullable String text, int maxBytes) {
		return text == null ? null : new String(DeadLetterHeaders.truncate(text, maxBytes), StandardCharsets.UTF_8);
	}

}
