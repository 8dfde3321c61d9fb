package io.orderflow.order.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.order.orders.OrderDomainEvent.Cancellation;
import io.orderflow.order.orders.OrderDomainEvent.CancellationRequested;
import io.orderflow.order.orders.OrderDomainEvent.Cancelled;
import io.orderflow.order.orders.OrderDomainEvent.Confirmed;
import io.orderflow.order.orders.OrderDomainEvent.Expired;
import io.orderflow.order.orders.OrderDomainEvent.Placed;
import io.orderflow.order.orders.OrderDomainEvent.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Unit tests of the events the {@link Order} aggregate raises: one per transition,
 * carrying its cause as data, kept until handed on, and the same cause kept in the
 * history so that a restored order still knows it.
 */
class OrderDomainEventsTest {

	private static final Instant PLACED_AT = Instant.parse("2026-01-01T10:00:00Z");

	private static final Duration TIME_TO_DECIDE = Duration.ofMinutes(15);

	private static final Instant LATER = PLACED_AT.plusSeconds(60);

	private final UUID id = UUID.randomUUID();

	@Test
	void placingRaisesPlaced() {
		Order order = newOrder();

		assertThat(order.domainEvents()).containsExactly(new Placed(id, PLACED_AT));
	}

	@Test
	void aPaymentAuthorizedConfirmsWithTheTimeSincePlacing() {
		Order order = handedOn(newOrder());

		order.confirm(LATER);

		assertThat(order.domainEvents()).singleElement()
			.isEqualTo(new Confirmed(id, LATER, PLACED_AT))
			.satisfies(event -> assertThat(((Confirmed) event).sincePlaced()).isEqualTo(Duration.ofSeconds(60)));
	}

	@Test
	void aDeclineOfAPendingOrderRejectsItWithTheDeclineCode() {
		Order order = handedOn(newOrder());

		order.paymentDeclined("insufficient_funds", LATER);

		assertThat(order.domainEvents()).containsExactly(new Rejected(id, LATER, PLACED_AT, "insufficient_funds"));
		assertThat(order.declineReason()).isEqualTo("insufficient_funds");
	}

	/**
	 * The decline code is data: whatever its wording, it is told back as it came, never
	 * cut out of a sentence.
	 */
	@Test
	void aDeclineCodeThatLooksLikeTheHistorysWordingIsKeptAsItCame() {
		Order order = handedOn(newOrder());

		order.paymentDeclined("payment declined: nothing to refund", LATER);

		assertThat(restore(order).declineReason()).isEqualTo("payment declined: nothing to refund");
	}

	@Test
	void cancellingRaisesCancellationRequestedAndNoOutcome() {
		Order order = handedOn(newOrder());

		order.requestCancellation(LATER, TIME_TO_DECIDE);

		assertThat(order.domainEvents()).containsExactly(new CancellationRequested(id, LATER));
		assertThat(order.domainEvents().getFirst()).isNotInstanceOf(OrderDomainEvent.Outcome.class);
	}

	@ParameterizedTest
	@EnumSource(Cancellation.class)
	void aCancellationEndsSayingWhatBecameOfThePayment(Cancellation how) {
		Order order = handedOn(cancelling());

		switch (how) {
			case REFUNDED -> order.refunded(LATER.plusSeconds(1));
			case VOIDED -> order.paymentVoided(LATER.plusSeconds(1));
			case DECLINED -> order.paymentDeclined("card_declined", LATER.plusSeconds(1));
		}

		assertThat(order.domainEvents()).containsExactly(new Cancelled(id, LATER.plusSeconds(1), PLACED_AT, how));
		assertThat(order.cancellation()).contains(how);
		assertThat(order.cancelledWithRefund()).isEqualTo(how == Cancellation.REFUNDED);
		assertThat(order.history().getLast().cancellation()).isEqualTo(how);
	}

	@Test
	void theDeadlinePassingRaisesExpired() {
		Instant deadline = PLACED_AT.plus(TIME_TO_DECIDE);
		Order order = handedOn(newOrder());

		order.expire(deadline);

		assertThat(order.domainEvents()).containsExactly(new Expired(id, deadline, PLACED_AT));
	}

	@Test
	void everyEventSaysTheStateItLeftTheOrderInAndMatchesTheHistory() {
		Order order = newOrder();
		order.confirm(LATER);
		order.requestCancellation(LATER.plusSeconds(1), TIME_TO_DECIDE);
		order.refunded(LATER.plusSeconds(2));

		assertThat(order.domainEvents()).extracting(OrderDomainEvent::status)
			.containsExactlyElementsOf(order.history().stream().map(StatusChange::status).toList());
		assertThat(order.domainEvents()).extracting(OrderDomainEvent::at)
			.containsExactlyElementsOf(order.history().stream().map(StatusChange::at).toList());
		assertThat(order.domainEvents()).allSatisfy(event -> assertThat(event.orderId()).isEqualTo(id));
		assertThat(order.domainEvents().getLast().status()).isEqualTo(order.status());
	}

	@Test
	void anActionThatChangesNothingRaisesNothing() {
		Order order = handedOn(newOrder());
		order.confirm(LATER);
		order.clearDomainEvents();

		order.confirm(LATER.plusSeconds(1));
		order.paymentDeclined("too_late", LATER.plusSeconds(2));
		order.refunded(LATER.plusSeconds(3));
		order.paymentVoided(LATER.plusSeconds(4));
		order.expire(PLACED_AT.plus(Duration.ofDays(1)));

		assertThat(order.domainEvents()).isEmpty();
	}

	@Test
	void aRefusedActionRaisesNothing() {
		Order order = handedOn(newOrder());
		order.paymentDeclined("card_declined", LATER);
		order.clearDomainEvents();

		assertThatThrownBy(() -> order.requestCancellation(LATER, TIME_TO_DECIDE))
			.isInstanceOf(IllegalOrderTransitionException.class);

		assertThat(order.domainEvents()).isEmpty();
	}

	@Test
	void eventsAreKeptInOrderUntilHandedOnAndThenForgotten() {
		Order order = newOrder();
		order.requestCancellation(LATER, TIME_TO_DECIDE);

		assertThat(order.domainEvents()).hasExactlyElementsOfTypes(Placed.class, CancellationRequested.class);
		assertThatThrownBy(() -> order.domainEvents().clear()).isInstanceOf(UnsupportedOperationException.class);

		order.clearDomainEvents();
		order.paymentVoided(LATER.plusSeconds(1));

		assertThat(order.domainEvents()).hasExactlyElementsOfTypes(Cancelled.class);
	}

	@Test
	void aRestoredOrderHasRaisedNothingButKnowsTheCauseOfItsOutcome() {
		Order cancelled = cancelling();
		cancelled.paymentVoided(LATER.plusSeconds(1));

		Order restored = restore(cancelled);

		assertThat(restored.domainEvents()).isEmpty();
		assertThat(restored.cancellation()).contains(Cancellation.VOIDED);
		assertThat(restore(newOrder()).cancellation()).isEmpty();
	}

	@Test
	void theHistoryKeepsACauseOnlyWithTheStepItBelongsTo() {
		assertThatThrownBy(
				() -> new StatusChange(OrderStatus.CONFIRMED, LATER, "payment authorized", "card_declined", null))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new StatusChange(OrderStatus.REJECTED, LATER, "payment declined"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new StatusChange(OrderStatus.CANCELLED, LATER, "payment refunded"))
			.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> new StatusChange(OrderStatus.EXPIRED, LATER, "late", null, Cancellation.VOIDED))
			.isInstanceOf(IllegalArgumentException.class);
	}

	private Order newOrder() {
		return Order.place(id, "c-42", "ada@example.com", "EUR", "pm_card_visa",
				List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50"))), PLACED_AT, TIME_TO_DECIDE);
	}

	private Order cancelling() {
		Order order = newOrder();
		order.requestCancellation(LATER, TIME_TO_DECIDE);
		return order;
	}

	/**
	 * As {@code OrderService} leaves an order it stored: what it raised so far is handed
	 * on.
	 */
	private static Order handedOn(Order order) {
		order.clearDomainEvents();
		return order;
	}

	private static Order restore(Order order) {
		return Order.restore(order.id(), order.customerId(), order.customerEmail(), order.currency(),
				order.paymentMethod(), order.lines(), order.placedAt(), order.deadline(), order.status(),
				order.history());
	}

}
