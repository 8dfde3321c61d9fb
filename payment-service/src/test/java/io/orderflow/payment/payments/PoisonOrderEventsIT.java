package io.orderflow.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.testsupport.deadletter.DeadLetterAssertions;
import io.orderflow.testsupport.deadletter.PoisonRecords;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Records on the order topic that can never be processed end in payment-service's
 * dead-letter topic with their reason in headers, charge nothing, and do not hold up the
 * valid events behind them (property I6, docs/architecture.md).
 */
class PoisonOrderEventsIT extends PaymentServiceIntegrationTestBase {

	private static final String DEAD_LETTER_TOPIC = "orderflow.order.events.payment-service.dlt";

	private static final String PLACED = "orderflow.order.placed.v1";

	@Test
	void poisonRecordsAreDeadLetteredWithTheirReasonAndTheValidOrderAfterThemIsCharged() {
		OrderPlaced garbage = orderPlaced(UUID.randomUUID(), "pm_card_visa");
		OrderPlaced unknownType = orderPlaced(UUID.randomUUID(), "pm_card_visa");
		OrderPlaced missingTotal = orderPlaced(UUID.randomUUID(), "pm_card_visa");
		OrderPlaced withoutKey = orderPlaced(UUID.randomUUID(), "pm_card_visa");
		OrderPlaced foreignKey = orderPlaced(UUID.randomUUID(), "pm_card_visa");
		OrderPlaced oversized = orderPlaced(UUID.randomUUID(), "pm_card_visa");

		topics.send(PoisonRecords.notJson(garbage, PLACED));
		topics.send(PoisonRecords.unknownType(unknownType));
		topics.send(PoisonRecords.withoutProperty(missingTotal, PLACED, "total"));
		topics.send(PoisonRecords.withoutKey(withoutKey, PLACED));
		topics.send(PoisonRecords.foreignKey(foreignKey, PLACED));
		topics.send(PoisonRecords.oversized(oversized, PLACED));
		UUID validOrder = UUID.randomUUID();
		publish(orderPlaced(validOrder, "pm_card_visa"));

		await().atMost(Duration.ofSeconds(30)).until(() -> !paymentEventsFor(validOrder).isEmpty());
		awaitQuiet();
		assertThat(paymentEventsFor(validOrder)).singleElement().isInstanceOf(PaymentAuthorized.class);
		assertThat(provider.ledger().chargesFor(validOrder.toString())).hasSize(1);

		DeadLetterAssertions deadLetters = DeadLetterAssertions.of(topics.readAll(DEAD_LETTER_TOPIC), OrderEvent.TOPIC,
				CONSUMER_GROUP);
		deadLetters.assertDeadLettered(garbage, DeserializationException.class,
				"Payload is not a valid " + PLACED + ": Unrecognized token");
		deadLetters.assertDeadLettered(unknownType, DeserializationException.class,
				"Unknown event type 'orderflow.order.teleported.v1'");
		deadLetters.assertDeadLettered(missingTotal, DeserializationException.class,
				"Missing required creator property 'total'");
		deadLetters.assertDeadLettered(withoutKey, PoisonEventException.class,
				"Record key 'null' is not the aggregate id " + withoutKey.orderId());
		deadLetters.assertDeadLettered(foreignKey, PoisonEventException.class,
				"is not the aggregate id " + foreignKey.orderId());
		deadLetters.assertDeadLettered(oversized, DeserializationException.class, PoisonRecords.OVERSIZED_REASON);

		for (OrderPlaced poison : List.of(garbage, unknownType, missingTotal, withoutKey, foreignKey, oversized)) {
			assertThat(provider.ledger().chargesFor(poison.orderId().toString())).as("charges of %s", poison.orderId())
				.isEmpty();
			assertThat(paymentsOf(poison.orderId())).isEmpty();
		}
	}

}
