package io.orderflow.messaging.cloudevents;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Builds a Kafka record in CloudEvents binary mode: the JSON payload as value, the
 * attributes as headers.
 */
public final class CloudEventRecords {

	private CloudEventRecords() {
	}

	/**
	 * @param key the Kafka key and the CloudEvents subject: the event's aggregate id
	 */
	public static ProducerRecord<String, Object> of(String topic, String key, UUID eventId, String type, String source,
			Instant time, byte[] payload) {
		ProducerRecord<String, Object> record = new ProducerRecord<>(topic, null, key, payload);
		Headers headers = record.headers();
		CloudEventHeaders.write(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
		CloudEventHeaders.write(headers, CloudEventHeaders.ID, eventId.toString());
		CloudEventHeaders.write(headers, CloudEventHeaders.SOURCE, source);
		CloudEventHeaders.write(headers, CloudEventHeaders.TYPE, type);
		CloudEventHeaders.write(headers, CloudEventHeaders.TIME, time.toString());
		CloudEventHeaders.write(headers, CloudEventHeaders.SUBJECT, key);
		headers.add(CloudEventHeaders.CONTENT_TYPE,
				CloudEventHeaders.APPLICATION_JSON.getBytes(StandardCharsets.UTF_8));
		return record;
	}

}
