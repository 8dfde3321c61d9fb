package io.orderflow.messaging;

import java.util.List;
import java.util.stream.Collectors;

import io.orderflow.events.IntegrationEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of events on the wire, shared by producers and consumers.
 *
 * <p>
 * Strict about what a contract requires, tolerant of what it does not: a required field
 * (a record component not annotated {@code @Nullable}) that is missing or {@code null}
 * fails the read, naming the field; an optional one ({@code @Nullable}) may be missing or
 * {@code null}, so records written before it was added stay readable
 * ({@link EventFieldNullness}); an unknown field is ignored, so producers can add
 * optional fields without breaking old consumers. The rulebook is
 * {@code docs/event-evolution.md}.
 */
public final class EventJson {

	private final JsonMapper mapper = JsonMapper.builder()
		.annotationIntrospector(new EventFieldNullness())
		.disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
		.disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	public byte[] write(IntegrationEvent event) {
		return mapper.writeValueAsBytes(event);
	}

	/**
	 * @throws JacksonException when the bytes are not a valid instance of the type
	 */
	public <T> T read(byte[] json, Class<T> type) {
		return mapper.readValue(json, type);
	}

	/**
	 * Why a read failed, for a dead letter's reason: where in the payload
	 * ({@code lines[0].sku}) when Jackson knows, and its own words, which name the field
	 * a required value is missing from.
	 */
	public static String describe(JacksonException failure) {
		String where = where(failure.getPath());
		String what = failure.getOriginalMessage();
		return where.isEmpty() ? what : "at " + where + ": " + what;
	}

	private static String where(List<JacksonException.Reference> path) {
		return path.stream()
			.map(reference -> reference.getPropertyName() != null ? "." + reference.getPropertyName()
					: reference.getIndex() >= 0 ? "[" + reference.getIndex() + "]" : "")
			.collect(Collectors.joining())
			.replaceFirst("^\\.", "");
	}

}
