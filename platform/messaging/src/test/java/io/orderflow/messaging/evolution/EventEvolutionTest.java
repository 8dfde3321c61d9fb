package io.orderflow.messaging.evolution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.IntegrationEvent;
import io.orderflow.events.payment.PaymentDeclinedV2;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.cloudevents.CloudEventRecords;
import io.orderflow.messaging.consumer.CloudEventDeserializer;
import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.messaging.evolution.ShipmentDispatched.Before;
import io.orderflow.messaging.evolution.ShipmentDispatched.Parcel;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit: the rulebook's compatible change really is compatible. Records published before
 * optional fields were added to an event, and records that carry {@code null} for them —
 * committed fixtures, bytes and headers as their producer wrote them
 * ({@code src/test/resources/evolution}) — are read by today's deserializer, while a
 * required field that is missing or {@code null} still makes the record poison, with a
 * reason that names the field.
 */
class EventEvolutionTest {

	private static final UUID EVENT_ID = UUID.fromString("5b0a8a4e-2f0c-4a39-9d5e-1f6c9b3e7a10");

	private static final UUID SHIPMENT_ID = UUID.fromString("0e3f4c7a-8d2b-4b71-a3c5-6e9f1d2b4c88");

	private static final UUID ORDER_ID = UUID.fromString("0e3f4c7a-8d2b-4b71-a3c5-6e9f1d2b4c88");

	private static final Instant AT = Instant.parse("2026-11-20T09:30:00Z");

	private static final JsonMapper fixtures = JsonMapper.builder().build();

	private final EventJson json = new EventJson();

	private final CloudEventDeserializer shipments = new CloudEventDeserializer(
			ConsumedEvents.of(ShipmentEvent.CATALOG), json);

	@Test
	void aRecordWrittenBeforeTheOptionalFieldsExistedIsReadWithThemNull() {
		Fixture before = Fixture.named("shipment-dispatched--before-optional-fields");
		assertThat(before.value()).as("the fixture is what the first version of the event wrote")
			.isEqualTo(json.write(new Before(EVENT_ID, AT, SHIPMENT_ID, "DHL",
					List.of(new Before.ParcelBefore("P1"), new Before.ParcelBefore("P2")))));

		IntegrationEvent read = before.readWith(shipments);

		assertThat(read).isEqualTo(new ShipmentDispatched(EVENT_ID, AT, SHIPMENT_ID, "DHL",
				List.of(new Parcel("P1", null), new Parcel("P2", null)), null, null));
	}

	@Test
	void aRecordCarryingNullForTheOptionalFieldsIsReadWithThemNull() {
		ShipmentDispatched withoutThem = new ShipmentDispatched(EVENT_ID, AT, SHIPMENT_ID, "DHL",
				List.of(new Parcel("P1", null)), null, null);
		Fixture nulls = Fixture.named("shipment-dispatched--optional-fields-null");
		assertThat(nulls.value()).as("the fixture is what today's version writes").isEqualTo(json.write(withoutThem));

		assertThat(nulls.readWith(shipments)).isEqualTo(withoutThem);
	}

	@Test
	void aRecordWithTheOptionalFieldsSetIsReadWithThemAndFieldsOfALaterVersionAreIgnored() {
		IntegrationEvent read = Fixture.named("shipment-dispatched--optional-fields-set").readWith(shipments);

		assertThat(read).isEqualTo(new ShipmentDispatched(EVENT_ID, AT, SHIPMENT_ID, "DHL",
				List.of(new Parcel("P1", new BigDecimal("1.25"))), "https://track.example/P1", 2));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			shipment-dispatched--poison-required-carrier-missing     | carrier
			shipment-dispatched--poison-required-carrier-null        | carrier
			shipment-dispatched--poison-required-parcel-label-missing | parcels[1]
			shipment-dispatched--poison-required-parcel-null         | parcels[0]
			""")
	void aRequiredFieldMissingOrNullIsPoisonWithAReasonNamingIt(String fixture, String field) {
		Fixture poison = Fixture.named(fixture);

		assertThatThrownBy(() -> poison.readWith(shipments)).isInstanceOf(SerializationException.class)
			.hasMessageStartingWith("Payload is not a valid orderflow.shipment.dispatched.v1: ")
			.hasMessageContaining(field);
	}

	@ParameterizedTest
	@CsvSource({ "declineCode, missing", "declineCode, null", "retryable, missing", "retryable, null",
			"orderId, missing", "occurredAt, null" })
	void aRequiredFieldOfAPublishedEventThatIsMissingOrNullIsStillPoison(String field, String how) {
		ObjectNode declined = (ObjectNode) fixtures
			.readTree(json.write(new PaymentDeclinedV2(EVENT_ID, AT, ORDER_ID, "insufficient_funds", true)));
		if (how.equals("missing")) {
			declined.remove(field);
		}
		else {
			declined.putNull(field);
		}
		byte[] payload = fixtures.writeValueAsBytes(declined);
		Headers headers = CloudEventRecords
			.of(PaymentEvent.TOPIC, ORDER_ID.toString(), EVENT_ID, "orderflow.payment.declined.v2",
					PaymentEvent.CATALOG.source(), AT, payload)
			.headers();
		var payments = new CloudEventDeserializer(ConsumedEvents.of(PaymentEvent.CATALOG), json);

		assertThatThrownBy(() -> payments.deserialize(PaymentEvent.TOPIC, headers, payload))
			.isInstanceOf(SerializationException.class)
			.hasMessageStartingWith("Payload is not a valid orderflow.payment.declined.v2: ")
			.hasMessageContaining(field);
	}

	/** A record as its producer wrote it: key, headers and the value's bytes. */
	private record Fixture(String key, Headers headers, byte[] value) {

		static Fixture named(String name) {
			try (InputStream in = EventEvolutionTest.class.getResourceAsStream("/evolution/" + name + ".record.json")) {
				if (in == null) {
					throw new IllegalArgumentException("No fixture " + name);
				}
				JsonNode fixture = fixtures.readTree(in);
				Headers headers = new RecordHeaders();
				fixture.get("headers")
					.properties()
					.forEach(header -> headers.add(header.getKey(),
							header.getValue().asString().getBytes(StandardCharsets.UTF_8)));
				return new Fixture(fixture.get("key").asString(), headers,
						fixture.get("value").asString().getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		IntegrationEvent readWith(CloudEventDeserializer deserializer) {
			return deserializer.deserialize(ShipmentEvent.TOPIC, headers, value);
		}

	}

}
