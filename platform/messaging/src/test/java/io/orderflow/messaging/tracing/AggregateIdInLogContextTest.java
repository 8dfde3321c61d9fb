package io.orderflow.messaging.tracing;

import java.util.Map;
import java.util.UUID;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.messaging.evolution.ShipmentEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateIdInLogContextTest {

	private final ObservationRegistry registry = ObservationRegistry.create();

	AggregateIdInLogContextTest() {
		registry.observationConfig()
			.observationHandler(new AggregateIdInLogContext(AggregateCorrelations
				.of(Map.of(OrderEvent.TOPIC, OrderEvent.CATALOG, ShipmentEvent.TOPIC, ShipmentEvent.CATALOG))));
	}

	@AfterEach
	void clearLogContext() {
		MDC.clear();
	}

	@Test
	void theAggregateIdIsInTheLogContextWhileTheListenerHandlesTheRecordAndGoneAfterwards() {
		String orderId = UUID.randomUUID().toString();

		Observation observation = listenerObservation(orderId);
		try (Observation.Scope scope = observation.openScope()) {
			assertThat(MDC.get("orderId")).isEqualTo(orderId);
		}
		observation.stop();

		assertThat(MDC.get("orderId")).isNull();
	}

	@Test
	void whatTheLogContextHeldBeforeIsRestored() {
		MDC.put("orderId", "outer");

		Observation observation = listenerObservation(UUID.randomUUID().toString());
		observation.openScope().close();
		observation.stop();

		assertThat(MDC.get("orderId")).isEqualTo("outer");
	}

	@Test
	void aKeyThatIsNoAggregateIdStaysOutOfTheLogs() {
		Observation observation = listenerObservation("x".repeat(2000));
		try (Observation.Scope scope = observation.openScope()) {
			assertThat(MDC.get("orderId")).isNull();
		}
		observation.stop();
	}

	@Test
	void aRecordOfAnotherFamilyPutsItsOwnAggregateIdIntoTheLogContext() {
		String shipmentId = UUID.randomUUID().toString();

		Observation observation = listenerObservation(ShipmentEvent.TOPIC, shipmentId);
		try (Observation.Scope scope = observation.openScope()) {
			assertThat(MDC.get("shipmentId")).isEqualTo(shipmentId);
			assertThat(MDC.get("orderId")).isNull();
		}
		observation.stop();

		assertThat(MDC.get("shipmentId")).isNull();
	}

	@Test
	void aRecordOnATopicOfNoKnownFamilyStaysOutOfTheLogs() {
		Observation observation = listenerObservation("orderflow.unknown.events", UUID.randomUUID().toString());
		try (Observation.Scope scope = observation.openScope()) {
			assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
		}
		observation.stop();
	}

	private Observation listenerObservation(String key) {
		return listenerObservation(OrderEvent.TOPIC, key);
	}

	private Observation listenerObservation(String topic, String key) {
		var record = new ConsumerRecord<>(topic, 0, 0L, key, "{}");
		return Observation.start("spring.kafka.listener",
				() -> new KafkaRecordReceiverContext(record, "listener", () -> null), registry);
	}

}
