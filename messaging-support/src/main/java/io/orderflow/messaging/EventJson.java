package io.orderflow.messaging;

import io.orderflow.events.IntegrationEvent;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of events on the wire, shared by producers and consumers.
 *
 * <p>Strict about what a contract requires (a missing or null field fails), tolerant of what it does not know
 * (an unknown field is ignored, so producers can add optional fields without breaking old consumers).
 */
public final class EventJson {

	private final JsonMapper mapper = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	public byte[] write(IntegrationEvent event) {
		return mapper.writeValueAsBytes(event);
	}

	/** @throws JacksonException when the bytes are not a valid instance of the type */
	public <T> T read(byte[] json, Class<T> type) {
		return mapper.readValue(json, type);
	}

}
