package io.orderflow.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.cloudevents.CloudEventRecords;
import io.orderflow.messaging.consumer.PoisonEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Records on the order topic that can never be processed end in payment-service's dead-letter topic with their
 * reason in headers, charge nothing, and do not hold up the valid events behind them (property I6).
 */
class PoisonOrderEventsIT extends PaymentServiceIntegrationTestBase {

	private static final String DEAD_LETTER_TOPIC = "orderflow.order.events.payment-service.dlt";

	private static final String PLACED = "orderflow.order.placed.v1";

	private final EventJson eventJson = new EventJson();

	@Test
	void poisonRecordsAreDeadLetteredWithTheirReasonAndTheValidOrderAfterThemIsCharged() {
		OrderPlaced garbage = orderPlaced(UUID.randomUUID(), "pm_card_visa");
		OrderPlaced unknownType = orderPlaced(UUID.randomUUID(), "pm_card_visa");
		OrderPlaced missingTotal = orderPlaced(UUID.randomUUID(), "pm_card_visa");
		OrderPlaced withoutKey = orderPlaced(UUID.randomUUID(), "pm_card_visa");
		OrderPlaced foreignKey = orderPlaced(UUID.randomUUID(), "pm_card_visa");
		ObjectNode withoutTotal = (ObjectNode) json.readTree(eventJson.write(missingTotal));
		withoutTotal.remove("total");

		topics.send(record(garbage.orderId().toString(), garbage, PLACED,
				new byte[] { (byte) 0xC3, 0x28, '{', 'n', 'o', 't', ' ', 'j', 's', 'o', 'n' }));
		topics.send(record(unknownType.orderId().toString(), unknownType, "orderflow.order.teleported.v1",
				eventJson.write(unknownType)));
		topics.send(record(missingTotal.orderId().toString(), missingTotal, PLACED, json.writeValueAsBytes(withoutTotal)));
		topics.send(record(null, withoutKey, PLACED, eventJson.write(withoutKey)));
		topics.send(record(UUID.randomUUID().toString(), foreignKey, PLACED, eventJson.write(foreignKey)));
		UUID validOrder = UUID.randomUUID();
		publish(orderPlaced(validOrder, "pm_card_visa"));

		await().atMost(Duration.ofSeconds(30)).until(() -> !paymentEventsFor(validOrder).isEmpty());
		awaitQuiet();
		assertThat(paymentEventsFor(validOrder)).singleElement().isInstanceOf(PaymentAuthorized.class);
		assertThat(provider.ledger().chargesFor(validOrder.toString())).hasSize(1);

		Map<String, ConsumerRecord<String, byte[]>> deadLetters = topics.readAll(DEAD_LETTER_TOPIC)
			.stream()
			.filter(record -> header(record, "ce_id") != null)
			.collect(Collectors.toMap(record -> header(record, "ce_id"), record -> record, (a, b) -> b));
		assertDeadLettered(deadLetters, garbage, DeserializationException.class,
				"Payload is not a valid " + PLACED + ": Unrecognized token");
		assertDeadLettered(deadLetters, unknownType, DeserializationException.class,
				"Unknown event type 'orderflow.order.teleported.v1'");
		assertDeadLettered(deadLetters, missingTotal, DeserializationException.class,
				"Missing creator property 'total'");
		assertDeadLettered(deadLetters, withoutKey, PoisonEventException.class,
				"Record key 'null' is not the order id " + withoutKey.orderId());
		assertDeadLettered(deadLetters, foreignKey, PoisonEventException.class,
				"is not the order id " + foreignKey.orderId());

		for (OrderPlaced poison : List.of(garbage, unknownType, missingTotal, withoutKey, foreignKey)) {
			assertThat(provider.ledger().chargesFor(poison.orderId().toString())).as("charges of %s", poison.orderId())
				.isEmpty();
			assertThat(paymentsOf(poison.orderId())).isEmpty();
		}
	}

	/**
	 * The dead letter carries its origin and the exception that rejected it. For a record that could not be
	 * deserialised, spring-kafka's message header only says "failed to deserialize": the reason is in the stack
	 * trace header, among the causes.
	 */
	private static void assertDeadLettered(Map<String, ConsumerRecord<String, byte[]>> deadLetters, OrderPlaced event,
			Class<? extends Exception> exception, String reason) {
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
	private static ProducerRecord<String, byte[]> record(String key, OrderPlaced event, String type, byte[] payload) {
		ProducerRecord<String, Object> record = CloudEventRecords.of(OrderEvent.TOPIC, event.orderId().toString(),
				event.eventId(), type, OrderEvent.CATALOG.source(), Instant.now(), payload);
		return new ProducerRecord<>(OrderEvent.TOPIC, null, key, payload, record.headers());
	}

}
