package io.orderflow.notification.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.order.OrderCancellationRequested;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.mail.simulator.SmtpServer.ReceivedMail;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * notification-service emails the customer over real SMTP, exactly once per outcome of an
 * order.
 */
class NotificationEmailsIT extends NotificationServiceIntegrationTestBase {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@Test
	void confirmedOrderIsEmailedOnceWithADeterministicMessageIdAndListedByTheApi() {
		UUID orderId = placedOrder();

		publish(confirmed(orderId));

		await().atMost(TIMEOUT).until(() -> !mailsAbout(orderId).isEmpty());
		awaitAllOrderEventsConsumed();
		String messageId = "<" + orderId + ".confirmed@orderflow>";
		assertThat(mailsAbout(orderId)).singleElement().satisfies(mail -> {
			assertThat(mail.to()).isEqualTo(CUSTOMER);
			assertThat(mail.messageId()).isEqualTo(messageId);
			assertThat(mail.subject()).isEqualTo("Your order " + orderId + " is confirmed");
			assertThat(mail.body()).contains("25.00 EUR").contains(orderId.toString());
		});
		JsonNode notifications = notificationsOf(orderId);
		assertThat(notifications).hasSize(1);
		JsonNode notification = notifications.get(0);
		assertThat(notification.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(notification.get("outcome").asString()).isEqualTo("CONFIRMED");
		assertThat(notification.get("recipient").asString()).isEqualTo(CUSTOMER);
		assertThat(notification.get("messageId").asString()).isEqualTo(messageId);
		assertThat(notification.get("subject").asString()).isEqualTo("Your order " + orderId + " is confirmed");
	}

	@Test
	void outcomeDeliveredTwiceIsEmailedOnce() {
		UUID orderId = placedOrder();
		OrderConfirmed confirmed = confirmed(orderId);

		publish(confirmed);
		publish(confirmed);

		awaitAllOrderEventsConsumed();
		assertThat(mailsAbout(orderId)).hasSize(1);
		assertThat(notificationsOf(orderId)).hasSize(1);
	}

	@Test
	void outcomeAnnouncedAgainWithANewEventIdIsEmailedOnce() {
		UUID orderId = placedOrder();
		publish(confirmed(orderId));
		await().atMost(TIMEOUT).until(() -> !mailsAbout(orderId).isEmpty());

		publish(confirmed(orderId));

		awaitAllOrderEventsConsumed();
		assertThat(mailsAbout(orderId)).hasSize(1);
		assertThat(notificationsOf(orderId)).hasSize(1);
	}

	@Test
	void eachOutcomeOfAnOrderIsEmailedOnceInItsOwnMessage() {
		UUID orderId = placedOrder();

		publish(confirmed(orderId));
		publish(cancelled(orderId, true));

		await().atMost(TIMEOUT).until(() -> mailsAbout(orderId).size() == 2);
		awaitAllOrderEventsConsumed();
		List<ReceivedMail> mails = mailsAbout(orderId);
		assertThat(mails).extracting(ReceivedMail::messageId)
			.containsExactlyInAnyOrder("<" + orderId + ".confirmed@orderflow>",
					"<" + orderId + ".cancelled@orderflow>");
		assertThat(mails).filteredOn(mail -> mail.subject().endsWith("is cancelled"))
			.singleElement()
			.satisfies(mail -> assertThat(mail.body()).contains("25.00 EUR was refunded"));
		assertThat(notificationsOf(orderId)).extracting(notification -> notification.get("outcome").asString())
			.containsExactly("CONFIRMED", "CANCELLED");
	}

	@Test
	void rejectedOrderIsEmailedOnceWithTheReason() {
		UUID orderId = placedOrder();

		publish(rejected(orderId, "card_declined"));

		await().atMost(TIMEOUT).until(() -> !mailsAbout(orderId).isEmpty());
		awaitAllOrderEventsConsumed();
		assertThat(mailsAbout(orderId)).singleElement().satisfies(mail -> {
			assertThat(mail.messageId()).isEqualTo("<" + orderId + ".rejected@orderflow>");
			assertThat(mail.subject()).isEqualTo("Your order " + orderId + " could not be completed");
			assertThat(mail.body()).contains("card_declined").contains("25.00 EUR");
		});
		assertThat(notificationsOf(orderId)).singleElement()
			.satisfies(notification -> assertThat(notification.get("outcome").asString()).isEqualTo("REJECTED"));
	}

	@Test
	void expiredOrderIsEmailedOnce() {
		UUID orderId = placedOrder();

		publish(expired(orderId));

		await().atMost(TIMEOUT).until(() -> !mailsAbout(orderId).isEmpty());
		awaitAllOrderEventsConsumed();
		assertThat(mailsAbout(orderId)).singleElement().satisfies(mail -> {
			assertThat(mail.messageId()).isEqualTo("<" + orderId + ".expired@orderflow>");
			assertThat(mail.subject()).isEqualTo("Your order " + orderId + " has expired");
		});
		assertThat(notificationsOf(orderId)).singleElement()
			.satisfies(notification -> assertThat(notification.get("outcome").asString()).isEqualTo("EXPIRED"));
	}

	@Test
	void placedOrderAndCancellationRequestAreNoOutcomesAndSendNoEmail() {
		UUID orderId = placedOrder();

		publish(new OrderCancellationRequested(UUID.randomUUID(), Instant.now(), orderId));

		awaitAllOrderEventsConsumed();
		assertThat(mailsAbout(orderId)).isEmpty();
		assertThat(notificationsOf(orderId)).isEmpty();
	}

}
