package io.orderflow.messaging.consumer;

import java.util.Objects;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.cloudevents.CloudEventHeaders;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import tools.jackson.core.JacksonException;

/**
 * Turns a CloudEvents binary-mode record into the event record named by its
 * {@code ce_type}, trusting only the types of the catalog registered for the record's
 * topic. Wrapped in spring-kafka's {@code ErrorHandlingDeserializer}, so whatever it
 * rejects reaches the error handler and then the dead-letter topic instead of stalling
 * the partition.
 *
 * <p>
 * A record larger than {@code maxEventBytes} is refused before it is parsed: an event is
 * a few hundred bytes, so megabytes are a producer's mistake, and parsing them would only
 * cost the consumer memory and time.
 */
public class CloudEventDeserializer implements Deserializer<IntegrationEvent> {

	/** The default size limit of one event, the broker's default limit of one record. */
	public static final int DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

	private final ConsumedEvents consumed;

	private final EventJson json;

	private final int maxEventBytes;

	public CloudEventDeserializer(ConsumedEvents consumed, EventJson json) {
		this(consumed, json, DEFAULT_MAX_EVENT_BYTES);
	}

	public CloudEventDeserializer(ConsumedEvents consumed, EventJson json, int maxEventBytes) {
		this.consumed = consumed;
		this.json = json;
		this.maxEventBytes = maxEventBytes;
	}

	@Override
	public IntegrationEvent deserialize(String topic, byte[] data) {
		throw new SerializationException("CloudEvents binary mode needs the record headers");
	}

	@Override
	public IntegrationEvent deserialize(String topic, Headers headers, byte[] data) {
		if (data == null || data.length == 0) {
			throw new SerializationException("Empty record value on " + topic);
		}
		if (data.length > maxEventBytes) {
			throw new SerializationException("Record value of " + data.length + " bytes on " + topic
					+ " exceeds the limit of " + maxEventBytes + " bytes for one event");
		}
		EventCatalog<?> catalog = consumed.catalogFor(topic)
			.orElseThrow(() -> new SerializationException("No event catalog for topic " + topic));
		String type = CloudEventHeaders.read(headers, CloudEventHeaders.TYPE)
			.orElseThrow(() -> new SerializationException("Missing header " + CloudEventHeaders.TYPE));
		Class<? extends IntegrationEvent> eventClass = catalog.classOf(type)
			.orElseThrow(() -> new SerializationException("Unknown event type '" + type + "' on " + topic));
		IntegrationEvent event;
		try {
			event = json.read(data, eventClass);
		}
		catch (JacksonException ex) {
			throw new SerializationException("Payload is not a valid " + type + ": " + EventJson.describe(ex), ex);
		}
		requireHeaderMatches(headers, CloudEventHeaders.ID, event.eventId().toString(), type);
		requireHeaderMatches(headers, CloudEventHeaders.SUBJECT, event.aggregateId().toString(), type);
		return event;
	}

	private static void requireHeaderMatches(Headers headers, String name, String expected, String type) {
		String actual = CloudEventHeaders.read(headers, name).orElse(null);
		if (!Objects.equals(actual, expected)) {
			throw new SerializationException("Header " + name + " '" + actual + "' does not match the " + type
					+ " payload ('" + expected + "')");
		}
	}

}
