package io.orderflow.notification.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The Message-ID of an email depends on its order and outcome only, so a redelivered or
 * re-announced outcome produces the very same message id.
 */
class NotificationTest {

	private static final UUID ORDER = UUID.randomUUID();

	@Test
	void messageIdIsDerivedFromOrderAndOutcome() {
		assertThat(notification(ORDER, Outcome.CONFIRMED).messageId()).isEqualTo("<" + ORDER + ".confirmed@orderflow>");
	}

	@Test
	void messageIdIsTheSameForAnotherEventAboutTheSameOutcome() {
		Notification first = notification(ORDER, Outcome.REJECTED);
		Notification second = new Notification(ORDER, Outcome.REJECTED, "other@example.com", "other subject",
				"other body", UUID.randomUUID(), Instant.parse("2030-06-01T00:00:00Z"));

		assertThat(second.messageId()).isEqualTo(first.messageId());
	}

	@Test
	void messageIdDiffersPerOutcomeAndPerOrder() {
		assertThat(notification(ORDER, Outcome.CONFIRMED).messageId())
			.isNotEqualTo(notification(ORDER, Outcome.CANCELLED).messageId())
			.isNotEqualTo(notification(UUID.randomUUID(), Outcome.CONFIRMED).messageId());
	}

	@Test
	void messageIdHasTheShapeOfAnRfc5322MessageId() {
		for (Outcome outcome : Outcome.values()) {
			assertThat(notification(ORDER, outcome).messageId()).matches("<[^<>@\\s]+@[^<>@\\s]+>");
		}
	}

	private static Notification notification(UUID orderId, Outcome outcome) {
		return new Notification(orderId, outcome, "ada@example.com", "subject", "body", UUID.randomUUID(),
				Instant.parse("2025-01-01T10:00:00Z"));
	}

}
