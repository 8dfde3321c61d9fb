package io.orderflow.messaging.tracing;

import java.util.UUID;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

import static org.assertj.core.api.Assertions.assertThat;

class OrderIdInLogContextTest {

	private final ObservationRegistry registry = ObservationRegistry.create();

	OrderIdInLogContextTest() {
		registry.observationConfig().observationHandler(new OrderIdInLogContext());
	}

	@AfterEach
	void clearLogContext() {
		MDC.clear();
	}

	@Test
	void theOrderIdIsInTheLogContextWhileTheListenerHandlesTheRecordAndGoneAfterwards() {
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
	void aKeyThatIsNoOrderIdStaysOutOfTheLogs() {
		Observation observation = listenerObservation("x".repeat(2000));
		try (Observation.Scope scope = observation.openScope()) {
			assertThat(MDC.get("orderId")).isNull();
		}
		observation.stop();
	}

	private Observation listenerObservation(String key) {
		var record = new ConsumerRecord<>("orderflow.order.events", 0, 0L, key, "{}");
		return Observation.start("spring.kafka.listener",
				() -> new KafkaRecordReceiverContext(record, "listener", () -> null), registry);
	}

}
