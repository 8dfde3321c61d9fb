package io.orderflow.messaging.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.Infrastructure;
import io.orderflow.messaging.MessagingIntegrationTest;
import io.orderflow.messaging.MessagingTestApplication;
import io.orderflow.messaging.TestEffects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.orderflow.messaging.Infrastructure.header;
import static io.orderflow.messaging.PaymentEventRecords.authorized;
import static io.orderflow.messaging.PaymentEventRecords.record;
import static io.orderflow.messaging.PaymentEventRecords.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An idempotent consumer on platform/messaging, on a real broker and database: duplicates
 * are absorbed, transient failures retried a bounded number of times, and poison lands in
 * the dead-letter topic while the partition flows.
 */
class ConsumerIT extends MessagingIntegrationTest {

	private static final String DLT = DeadLetterTopics.of(PaymentEvent.TOPIC, "messaging-it");

	private static final Duration PROCESSED = Duration.ofSeconds(20);

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MessagingTestApplication.RecordingListener listener;

	@Test
	void anEventDeliveredTwiceHasItsEffectOnce() {
		PaymentAuthorized event = authorized(UUID.randomUUID());

		publish(event);
		publish(event);
		PaymentAuthorized marker = authorized(event.orderId());
		publish(marker);

		await().atMost(PROCESSED).until(() -> effects(event.orderId()) == 2);
		assertThat(listener.attempts(event.orderId())).isEqualTo(3);
		assertThat(effects(event.orderId())).isEqualTo(2);
	}

	@Test
	void aTransientFailureIsRetriedAndTheEffectHappensOnce() {
		PaymentAuthorized event = authorized(UUID.randomUUID());
		listener.failTimes(event.orderId(), 1);

		publish(event);

		await().atMost(PROCESSED).until(() -> effects(event.orderId()) == 1);
		assertThat(listener.attempts(event.orderId())).isEqualTo(2);
	}

	@Test
	void aRecordThatKeepsFailingGoesToTheDeadLetterTopicAfterBoundedAttemptsWithItsReason() {
		PaymentAuthorized event = authorized(UUID.randomUUID());
		listener.failAlways(event.orderId());

		publish(event);

		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(event.orderId().toString());
		assertThat(listener.attempts(event.orderId())).isEqualTo(3);
		assertThat(effects(event.orderId())).isZero();
		assertThat(header(dead, "kafka_dlt-exception-message")).contains("induced failure");
		assertThat(header(dead, "kafka_dlt-original-topic")).isEqualTo(PaymentEvent.TOPIC);
		assertThat(header(dead, ConsumerFailures.ATTEMPTS_HEADER)).isEqualTo("3");
		assertThat(header(dead, "ce_id")).isEqualTo(event.eventId().toString());
	}

	@Test
	void poisonRecordsAreDeadLetteredAtOnceAndTheRecordsAfterThemAreStillProcessed() {
		UUID orderId = UUID.randomUUID();
		String key = orderId.toString();
		PaymentAuthorized valid = authorized(orderId);
		ProducerRecord<String, byte[]> wellFormed = record(valid);

		send(withValue(wellFormed, "not json at all".getBytes(StandardCharsets.UTF_8)));
		send(withHeader(wellFormed, "ce_type", "orderflow.payment.teleported.v1"));
		send(withValue(wellFormed, "{\"eventId\":\"%s\",\"orderId\":\"%s\"}".formatted(valid.eventId(), orderId)
			.getBytes(StandardCharsets.UTF_8)));
		send(new ProducerRecord<>(PaymentEvent.TOPIC, null, "not-the-order-id", wellFormed.value(),
				wellFormed.headers()));
		send(withHeader(wellFormed, "ce_id", UUID.randomUUID().toString()));
		send(wellFormed);

		await().atMost(PROCESSED).until(() -> effects(orderId) == 1);
		await().atMost(PROCESSED).untilAsserted(() -> assertThat(deadLetters(key)).hasSize(4));
		assertThat(Infrastructure.readAll(DLT)
			.stream()
			.filter(record -> "not-the-order-id".equals(record.key()))
			.map(record -> header(record, "kafka_dlt-exception-message"))).singleElement()
			.asString()
			.contains("is not the aggregate id");
		assertThat(deadLetters(key))
			.allSatisfy(record -> assertThat(header(record, "kafka_dlt-exception-message")).isNotBlank());
		assertThat(deadLetters(key))
			.allSatisfy(record -> assertThat(header(record, ConsumerFailures.ATTEMPTS_HEADER)).isEqualTo("1"));
		// undeserialisable records never reach the listener; the wrongly keyed one does,
		// once (poison is not retried)
		assertThat(listener.attempts(orderId)).isEqualTo(2);
	}

	private ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
		return await().atMost(PROCESSED)
			.until(() -> deadLetters(key).stream().findFirst().orElse(null), r -> r != null);
	}

	private static java.util.List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
		return Infrastructure.readAll(DLT).stream().filter(record -> key.equals(record.key())).toList();
	}

	private int effects(UUID orderId) {
		return TestEffects.ofOrder(jdbc, orderId);
	}

	private static void publish(PaymentAuthorized event) {
		send(record(event));
	}

	private static ProducerRecord<String, byte[]> withValue(ProducerRecord<String, byte[]> record, byte[] value) {
		return new ProducerRecord<>(record.topic(), null, record.key(), value, record.headers());
	}

	private static ProducerRecord<String, byte[]> withHeader(ProducerRecord<String, byte[]> record, String name,
			String value) {
		var copy = new ProducerRecord<>(record.topic(), null, record.key(), record.value(),
				new org.apache.kafka.common.header.internals.RecordHeaders(record.headers().toArray()));
		copy.headers().remove(name);
		copy.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
		return copy;
	}

}
