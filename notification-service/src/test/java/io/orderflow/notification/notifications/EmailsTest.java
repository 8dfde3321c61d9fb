package io.orderflow.notification.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.order.OrderCancellationRequested;
import io.orderflow.events.order.OrderCancelled;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.order.OrderRejected;
import org.junit.jupiter.api.Test;

/**
 * What the customer reads for each outcome, and that events which are no outcome make no
 * email.
 */
class EmailsTest {

	private static final UUID ORDER = UUID.randomUUID();

	private static final Instant NOW = Instant.parse("2025-01-01T10:00:00Z");

	private static final BigDecimal TOTAL = new BigDecimal("42.50");

	private static final String CUSTOMER = "ada@example.com";

	@Test
	void confirmedOrderTellsThePaymentTaken() {
		var event = new OrderConfirmed(UUID.randomUUID(), NOW, ORDER, CUSTOMER, "EUR", TOTAL);

		Notification email = Emails.compose(event, NOW).orElseThrow();

		assertThat(email.outcome()).isEqualTo(Outcome.CONFIRMED);
		assertThat(email.subject()).isEqualTo("Your order " + ORDER + " is confirmed");
		assertThat(email.body()).contains("42.50 EUR").contains(ORDER.toString());
		assertAddressedAndTraced(email, event.eventId());
	}

	@Test
	void rejectedOrderTellsTheReasonAndThatNothingWasCharged() {
		var event = new OrderRejected(UUID.randomUUID(), NOW, ORDER, CUSTOMER, "EUR", TOTAL, "insufficient_funds");

		Notification email = Emails.compose(event, NOW).orElseThrow();

		assertThat(email.outcome()).isEqualTo(Outcome.REJECTED);
		assertThat(email.subject()).isEqualTo("Your order " + ORDER + " could not be completed");
		assertThat(email.body()).contains("42.50 EUR")
			.contains("insufficient_funds")
			.contains("Nothing was charged")
			.contains(ORDER.toString());
		assertAddressedAndTraced(email, event.eventId());
	}

	@Test
	void cancelledOrderThatWasPaidTellsTheRefund() {
		var event = new OrderCancelled(UUID.randomUUID(), NOW, ORDER, CUSTOMER, "EUR", TOTAL, true);

		Notification email = Emails.compose(event, NOW).orElseThrow();

		assertThat(email.outcome()).isEqualTo(Outcome.CANCELLED);
		assertThat(email.subject()).isEqualTo("Your order " + ORDER + " is cancelled");
		assertThat(email.body()).contains("42.50 EUR was refunded").contains(ORDER.toString());
		assertAddressedAndTraced(email, event.eventId());
	}

	@Test
	void cancelledOrderThatWasNotPaidTellsThatNothingWasCharged() {
		var event = new OrderCancelled(UUID.randomUUID(), NOW, ORDER, CUSTOMER, "EUR", TOTAL, false);

		Notification email = Emails.compose(event, NOW).orElseThrow();

		assertThat(email.outcome()).isEqualTo(Outcome.CANCELLED);
		assertThat(email.body()).contains("Nothing was charged").doesNotContain("refunded").contains(ORDER.toString());
	}

	@Test
	void expiredOrderTellsThatAnyChargeIsRefunded() {
		var event = new OrderExpired(UUID.randomUUID(), NOW, ORDER, CUSTOMER, "EUR", TOTAL);

		Notification email = Emails.compose(event, NOW).orElseThrow();

		assertThat(email.outcome()).isEqualTo(Outcome.EXPIRED);
		assertThat(email.subject()).isEqualTo("Your order " + ORDER + " has expired");
		assertThat(email.body()).contains("refunded").contains(ORDER.toString());
		assertAddressedAndTraced(email, event.eventId());
	}

	@Test
	void placedOrderIsNoOutcome() {
		var event = new OrderPlaced(UUID.randomUUID(), NOW, ORDER, "customer-1", CUSTOMER, "EUR", TOTAL, "pm_card_visa",
				List.of(new OrderLine("SKU-1", 1, TOTAL)));

		assertThat(Emails.compose(event, NOW)).isEmpty();
	}

	@Test
	void cancellationRequestIsNoOutcome() {
		var event = new OrderCancellationRequested(UUID.randomUUID(), NOW, ORDER);

		assertThat(Emails.compose(event, NOW)).isEmpty();
	}

	private static void assertAddressedAndTraced(Notification email, UUID eventId) {
		assertThat(email.orderId()).isEqualTo(ORDER);
		assertThat(email.recipient()).isEqualTo(CUSTOMER);
		assertThat(email.eventId()).isEqualTo(eventId);
		assertThat(email.sentAt()).isEqualTo(NOW);
	}

}
