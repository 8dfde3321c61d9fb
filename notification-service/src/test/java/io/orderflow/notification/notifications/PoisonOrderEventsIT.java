package io.orderflow.notification.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.testsupport.deadletter.DeadLetterAssertions;
import io.orderflow.testsupport.deadletter.PoisonRecords;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Records on the order topic that can never be processed end in notification-service's
 * dead-letter topic with their reason in headers, email nobody, and do not hold up the
 * valid events behind them (property I6, docs/architecture.md).
 */
class PoisonOrderEventsIT extends NotificationServiceIntegrationTestBase {

	private static final String CONFIRMED = "orderflow.order.confirmed.v1";

	@Test
	void poisonRecordsAreDeadLetteredWithTheirReasonAndTheValidOutcomeAfterThemIsEmailed() {
		OrderConfirmed garbage = confirmed(placedOrder());
		OrderConfirmed unknownType = confirmed(placedOrder());
		OrderConfirmed missingEmail = confirmed(placedOrder());
		OrderConfirmed withoutKey = confirmed(placedOrder());
		OrderConfirmed foreignKey = confirmed(placedOrder());
		OrderConfirmed oversized = confirmed(placedOrder());

		topics.send(PoisonRecords.notJson(garbage, CONFIRMED));
		topics.send(PoisonRecords.unknownType(unknownType));
		topics.send(PoisonRecords.withoutProperty(missingEmail, CONFIRMED, "customerEmail"));
		topics.send(PoisonRecords.withoutKey(withoutKey, CONFIRMED));
		topics.send(PoisonRecords.foreignKey(foreignKey, CONFIRMED));
		topics.send(PoisonRecords.oversized(oversized, CONFIRMED));
		UUID validOrder = placedOrder();
		publish(confirmed(validOrder));

		await().atMost(Duration.ofSeconds(30)).until(() -> !mailsAbout(validOrder).isEmpty());
		awaitAllOrderEventsConsumed();
		assertThat(mailsAbout(validOrder)).hasSize(1);

		DeadLetterAssertions deadLetters = DeadLetterAssertions.of(topics.readAll(DEAD_LETTER_TOPIC), OrderEvent.TOPIC,
				CONSUMER_GROUP);
		deadLetters.assertDeadLettered(garbage, DeserializationException.class,
				"Payload is not a valid " + CONFIRMED + ": Unrecognized token");
		deadLetters.assertDeadLettered(unknownType, DeserializationException.class,
				"Unknown event type 'orderflow.order.teleported.v1'");
		deadLetters.assertDeadLettered(missingEmail, DeserializationException.class,
				"Missing required creator property 'customerEmail'");
		deadLetters.assertDeadLettered(withoutKey, PoisonEventException.class,
				"Record key 'null' is not the aggregate id " + withoutKey.orderId());
		deadLetters.assertDeadLettered(foreignKey, PoisonEventException.class,
				"is not the aggregate id " + foreignKey.orderId());
		deadLetters.assertDeadLettered(oversized, DeserializationException.class, PoisonRecords.OVERSIZED_REASON);

		for (OrderConfirmed poison : List.of(garbage, unknownType, missingEmail, withoutKey, foreignKey, oversized)) {
			assertThat(mailsAbout(poison.orderId())).as("emails about %s", poison.orderId()).isEmpty();
			assertThat(notificationsOf(poison.orderId())).isEmpty();
		}
	}

}
