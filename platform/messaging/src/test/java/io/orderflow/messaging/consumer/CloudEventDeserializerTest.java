package io.orderflow.messaging.consumer;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import io.orderflow.events.IntegrationEvent;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.cloudevents.CloudEventRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit test of the CloudEvents deserializer: trusted types only, strict contracts, clear
 * reasons.
 */
class CloudEventDeserializerTest {

	private final EventJson json = new EventJson();

	private final CloudEventDeserializer deserializer = new CloudEventDeserializer(
			ConsumedEvents.of(PaymentEvent.CATALOG), json);

	private final PaymentAuthorized event = new PaymentAuthorized(UUID.randomUUID(),
			Instant.parse("2026-11-26T10:15:30.123456Z"), UUID.randomUUID(), "ch_1", new BigDecimal("25.00"), "EUR");

	@Test
	void readsTheEventNamedByItsTypeHeader() {
		ProducerRecord<String, Object> record = record(event);

		IntegrationEvent read = deserializer.deserialize(PaymentEvent.TOPIC, record.headers(), (byte[]) record.value());

		assertThat(read).isEqualTo(event);
	}

	@Test
	void readsAReplayTopicAsItsSourceTopic() {
		ProducerRecord<String, Object> record = record(event);

		IntegrationEvent read = deserializer.deserialize(ReplayTopics.of(PaymentEvent.TOPIC, "order-service"),
				record.headers(), (byte[]) record.value());

		assertThat(read).isEqualTo(event);
		assertThatThrownBy(() -> deserializer.deserialize(ReplayTopics.of(OrderEvent.TOPIC, "order-service"),
				record.headers(), (byte[]) record.value()))
			.hasMessageContaining("No event catalog for topic " + OrderEvent.TOPIC + ".order-service.replay");
	}

	@Test
	void writesAmountsPlainAndTimesAsIso8601() {
		String written = new String(json.write(event), StandardCharsets.UTF_8);

		assertThat(written).contains("\"amount\":25.00").contains("\"occurredAt\":\"2026-11-26T10:15:30.123456Z\"");
	}

	@Test
	void refusesATypeThatIsNotInTheTopicsCatalog() {
		Headers headers = record(event).headers();
		headers.remove("ce_type");
		headers.add("ce_type", "orderflow.order.placed.v1".getBytes(StandardCharsets.UTF_8));

		assertThatThrownBy(() -> deserializer.deserialize(PaymentEvent.TOPIC, headers, json.write(event)))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("Unknown event type 'orderflow.order.placed.v1'");
	}

	@Test
	void refusesAValueAboveTheSizeLimitAndReadsOneAtTheLimit() {
		byte[] payload = json.write(event);
		byte[] atTheLimit = Arrays.copyOf(payload, payload.length + 100);
		Arrays.fill(atTheLimit, payload.length, atTheLimit.length, (byte) ' ');
		var limited = new CloudEventDeserializer(ConsumedEvents.of(PaymentEvent.CATALOG), json, atTheLimit.length);
		Headers headers = record(event).headers();

		assertThat(limited.deserialize(PaymentEvent.TOPIC, headers, atTheLimit)).isEqualTo(event);
		assertThatThrownBy(() -> limited.deserialize(PaymentEvent.TOPIC, headers,
				Arrays.copyOf(atTheLimit, atTheLimit.length + 1)))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("exceeds the limit of " + atTheLimit.length + " bytes for one event");
	}

	@Test
	void refusesATopicItDoesNotConsume() {
		ProducerRecord<String, Object> record = record(event);

		assertThatThrownBy(() -> deserializer.deserialize(OrderEvent.TOPIC, record.headers(), (byte[]) record.value()))
			.hasMessageContaining("No event catalog for topic " + OrderEvent.TOPIC);
	}

	@Test
	void refusesARecordWithoutTypeHeader() {
		assertThatThrownBy(() -> deserializer.deserialize(PaymentEvent.TOPIC, new RecordHeaders(), json.write(event)))
			.hasMessageContaining("Missing header ce_type");
	}

	@Test
	void refusesAPayloadMissingARequiredField() {
		byte[] payload = "{\"eventId\":\"%s\",\"orderId\":\"%s\",\"occurredAt\":\"2026-11-26T10:15:30Z\"}"
			.formatted(event.eventId(), event.orderId())
			.getBytes(StandardCharsets.UTF_8);

		assertThatThrownBy(() -> deserializer.deserialize(PaymentEvent.TOPIC, record(event).headers(), payload))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("Payload is not a valid orderflow.payment.authorized.v1");
	}

	@Test
	void refusesBytesThatAreNotJson() {
		assertThatThrownBy(() -> deserializer.deserialize(PaymentEvent.TOPIC, record(event).headers(),
				new byte[] { 0, (byte) 0xff, 42 }))
			.isInstanceOf(SerializationException.class);
	}

	@Test
	void refusesAnEmptyValue() {
		assertThatThrownBy(() -> deserializer.deserialize(PaymentEvent.TOPIC, record(event).headers(), new byte[0]))
			.hasMessageContaining("Empty record value");
	}

	@Test
	void refusesHeadersThatContradictThePayload() {
		Headers headers = record(event).headers();
		headers.remove("ce_id");
		headers.add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));

		assertThatThrownBy(() -> deserializer.deserialize(PaymentEvent.TOPIC, headers, json.write(event)))
			.hasMessageContaining("Header ce_id");
	}

	@Test
	void ignoresFieldsItDoesNotKnowSoProducersCanAddOptionalOnes() {
		String withExtra = new String(json.write(event), StandardCharsets.UTF_8).replaceFirst("\\{",
				"{\"loyaltyPoints\":12,");

		IntegrationEvent read = deserializer.deserialize(PaymentEvent.TOPIC, record(event).headers(),
				withExtra.getBytes(StandardCharsets.UTF_8));

		assertThat(read).isEqualTo(event);
	}

	private ProducerRecord<String, Object> record(PaymentAuthorized event) {
		return CloudEventRecords.of(PaymentEvent.TOPIC, event.orderId().toString(), event.eventId(),
				PaymentEvent.CATALOG.typeOf(event), PaymentEvent.CATALOG.source(), event.occurredAt(),
				json.write(event));
	}

}
