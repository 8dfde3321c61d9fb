package io.orderflow.messaging.tracing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.orderflow.events.order.OrderEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateIdObservationConventionsTest {

	private static final AggregateCorrelations ORDERS = AggregateCorrelations
		.of(Map.of(OrderEvent.TOPIC, OrderEvent.CATALOG));

	private final AggregateIdListenerObservationConvention listener = new AggregateIdListenerObservationConvention(
			() -> ORDERS);

	private final AggregateIdTemplateObservationConvention template = new AggregateIdTemplateObservationConvention(
			ORDERS);

	@Test
	void theConsumerAndProducerSpansOfARecordCarryItsAggregateIdNamedAfterTheAggregate() {
		String orderId = UUID.randomUUID().toString();

		assertThat(listener.getHighCardinalityKeyValues(received(orderId)))
			.contains(KeyValue.of("orderflow.order.id", orderId));
		assertThat(template.getHighCardinalityKeyValues(sent(orderId)))
			.contains(KeyValue.of("orderflow.order.id", orderId));
	}

	@Test
	void aKeyThatIsNoAggregateIdIsNotATag() {
		assertThat(names(listener.getHighCardinalityKeyValues(received("<script>"))))
			.doesNotContain("orderflow.order.id");
		assertThat(names(template.getHighCardinalityKeyValues(sent(null)))).doesNotContain("orderflow.order.id");
	}

	@Test
	void aRecordOnATopicOfNoKnownFamilyIsNotTagged() {
		String id = UUID.randomUUID().toString();

		assertThat(names(listener.getHighCardinalityKeyValues(received("orderflow.unknown.events", id))))
			.doesNotContain("orderflow.order.id");
		assertThat(names(template.getHighCardinalityKeyValues(sent("orderflow.unknown.events", id))))
			.doesNotContain("orderflow.order.id");
	}

	@Test
	void theListenerTimerKeepsSpringKafkasTagsNameResultAndTheListenersOwnException() {
		KafkaRecordReceiverContext succeeded = received(UUID.randomUUID().toString());
		KafkaRecordReceiverContext failed = received(UUID.randomUUID().toString());
		failed.setError(new ListenerExecutionFailedException("listener failed", new IllegalStateException("boom")));

		assertThat(listener.getLowCardinalityKeyValues(succeeded)).contains(KeyValue.of("name", "listener-0"),
				KeyValue.of("result", "success"), KeyValue.of("exception", "none"));
		assertThat(listener.getLowCardinalityKeyValues(failed)).contains(KeyValue.of("result", "failure"),
				KeyValue.of("exception", "IllegalStateException"));
	}

	@Test
	void theTemplateTimerKeepsSpringKafkasTagsToo() {
		KafkaRecordSenderContext failed = sent(UUID.randomUUID().toString());
		failed.setError(new IllegalStateException("broker gone"));

		assertThat(template.getLowCardinalityKeyValues(failed)).contains(KeyValue.of("name", "kafkaTemplate"),
				KeyValue.of("result", "failure"), KeyValue.of("exception", "IllegalStateException"));
	}

	private static KafkaRecordReceiverContext received(String key) {
		return received(OrderEvent.TOPIC, key);
	}

	private static KafkaRecordReceiverContext received(String topic, String key) {
		return new KafkaRecordReceiverContext(new ConsumerRecord<>(topic, 0, 0L, key, "{}"), "listener-0", () -> null);
	}

	private static KafkaRecordSenderContext sent(String key) {
		return sent(OrderEvent.TOPIC, key);
	}

	private static KafkaRecordSenderContext sent(String topic, String key) {
		return new KafkaRecordSenderContext(new ProducerRecord<>(topic, key, "{}"), "kafkaTemplate", () -> null);
	}

	private static List<String> names(KeyValues keyValues) {
		return keyValues.stream().map(KeyValue::getKey).toList();
	}

}
