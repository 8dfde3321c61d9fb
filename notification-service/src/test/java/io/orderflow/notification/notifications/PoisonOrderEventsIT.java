package io.orderflow.notification.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.cloudevents.CloudEventRecords;
import io.orderflow.messaging.consumer.PoisonEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Records on the order topic that can never be processed end in notification-service's dead-letter topic with
 * their reason in headers, email nobody, and do not hold up the valid events behind them (property I6).
 */
class PoisonOrderEventsIT extends NotificationServiceIntegrationTestBase {

	private static final String DEAD_LETTER_TOPIC = "orderflow.order.events.notification-service.dlt";

	private static final String CONFIRMED = "orderflow.order.confirmed.v1";

	private final EventJson eventJson = new EventJson();

	@Test
	void poisonRecordsAreDeadLetteredWithTheirReasonAndTheValidOutcomeAfterThemIsEmailed() {
		OrderConfirmed garbage = confirmed(UUID.randomUUID());
		OrderConfirmed unknownType = confirmed(UUID.randomUUID());
		OrderConfirmed missingEmail = confirmed(UUID.randomUUID());
		OrderConfirmed withoutKey = confirmed(UUID.randomUUID());
		OrderConfirmed foreignKey = confirmed(UUID.randomUUID());
		ObjectNode withoutCustomerEmail = (ObjectNode) json.readTree(eventJson.write(missingEmail));
		withoutCustomerEmail.remove("customerEmail");

		topics.send(record(garbage.orderId().toString(), garbage, CONFIRMED,
				new byte[] { (byte) 0xC3, 0x28, '{', 'n', 'o', 't', ' ', 'j', 's', 'o', 'n' }));
		topics.send(record(unknownType.orderId().toString(), unknownType, "orderflow.order.teleported.v1",
				eventJson.write(unknownType)));
		topics.send(record(missingEmail.orderId().toString(), missingEmail, CONFIRMED,
				json.writeValueAsBytes(withoutCustomerEmail)));
		topics.send(record(null, withoutKey, CONFIRMED, eventJson.write(withoutKey)));
		topics.send(record(UUID.randomUUID().toString(), foreignKey, CONFIRMED, eventJson.write(foreignKey)));
		UUID validOrder = UUID.randomUUID();
		publish(confirmed(validOrder));

		await().atMost(Duration.ofSeconds(30)).until(() -> !mailsAbout(validOrder).isEmpty());
		awaitAllOrderEventsConsumed();
		assertThat(mailsAbout(validOrder)).hasSize(1);

		Map<String, ConsumerRecord<String, byte[]>> deadLetters = topics.readAll(DEAD_LETTER_TOPIC)
			.stream()
			.filter(record -> header(record, "ce_id") != null)
			.collect(Collectors.toMap(record -> header(record, "ce_id"), record -> record, (a, b) -> b));
		assertDeadLettered(deadLetters, garbage, DeserializationException.class,
				"Payload is not a valid " + CONFIRMED + ": Unrecognized token");
		assertDeadLettered(deadLetters, unknownType, DeserializationException.class,
				"Unknown event type 'orderflow.order.teleported.v1'");
		assertDeadLettered(deadLetters, missingEmail, DeserializationException.class,
				"Missing creator property 'customerEmail'");
		assertDeadLettered(deadLetters, withoutKey, PoisonEventException.class,
				"Record key 'null' is not the order id " + withoutKey.orderId());
		assertDeadLettered(deadLetters, foreignKey, PoisonEventException.class,
				"is not the order id " + foreignKey.orderId());

		for (OrderConfirmed poison : List.of(garbage, unknownType, missingEmail, withoutKey, foreignKey)) {
			assertThat(mailsAbout(poison.orderId())).as("emails about %s", poison.orderId()).isEmpty();
			assertThat(notificationsOf(poison.orderId())).isEmpty();
		}
	}

	/**
	 * The dead letter carries its origin and the exception that rejected it. For a record that could not be
	 * deserialised, spring-kafka's message header only says "failed to deserialize": the reason is in the stack
	 * trace header, among the causes.
	 */
	private static void assertDeadLettered(Map<String, ConsumerRecord<String, byte[]>> deadLetters,
			OrderConfirmed event, Class<? extends Exception> exception, String reason) {
		ConsumerRecord<String, byte[]> record = deadLetters.get(event.eventId().toString());
		assertThat(record).as("dead letter of event %s", event.eventId()).isNotNull();
		assertThat(header(record, "kafka_dlt-original-topic")).isEqualTo(OrderEvent.TOPIC);
		assertThat(header(record, "kafka_dlt-original-consumer-group")).isEqualTo(CONSUMER_GROUP);
		assertThat(List.of(header(record, "kafka_dlt-exception-fqcn"), header(record, "kafka_dlt-exception-cause-fqcn")))
			.as("exception headers of the dead letter of %s", event.eventId())
			.contains(exception.getName());
		assertThat(header(record, "kafka_dlt-exception-message") + "\n" + header(record, "kafka_dlt-exception-stacktrace"))
			.as("reason in the headers of the dead letter of %s", event.eventId())
			.contains(reason);
	}

	/** A record as the outbox relay would write it, but with whatever key, type and payload the test needs. */
	private static ProducerRecord<String, byte[]> record(String key, OrderConfirmed event, String type,
			byte[] payload) {
		ProducerRecord<String, Object> record = CloudEventRecords.of(OrderEvent.TOPIC, event.orderId().toString(),
				event.eventId(), type, OrderEvent.CATALOG.source(), Instant.now(), payload);
		return new ProducerRecord<>(OrderEvent.TOPIC, null, key, payload, record.headers());
	}

}
