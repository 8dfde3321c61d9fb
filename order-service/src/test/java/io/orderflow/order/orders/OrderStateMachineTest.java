package io.orderflow.order.orders;

import static io.orderflow.order.orders.OrderStatus.CANCELLATION_REQUESTED;
import static io.orderflow.order.orders.OrderStatus.CANCELLED;
import static io.orderflow.order.orders.OrderStatus.CONFIRMED;
import static io.orderflow.order.orders.OrderStatus.EXPIRED;
import static io.orderflow.order.orders.OrderStatus.PENDING;
import static io.orderflow.order.orders.OrderStatus.REJECTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unit tests of the {@link Order} aggregate: its state machine, its total and its unsaved
 * history.
 */
class OrderStateMachineTest {

	private static final Instant PLACED_AT = Instant.parse("2026-01-01T10:00:00Z");

	private static final Duration TIME_TO_DECIDE = Duration.ofMinutes(15);

	private static final Instant DEADLINE = PLACED_AT.plus(TIME_TO_DECIDE);

	/** Before the deadline: every action except expiry may apply. */
	private static final Instant LATER = PLACED_AT.plusSeconds(60);

	private static final List<OrderLine> LINES = List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50")));

	/** Everything that can happen to an order, applied at a given instant. */
	enum Action {

		CONFIRM((order, at) -> order.confirm(at)), DECLINE((order, at) -> order.paymentDeclined("card_declined", at)),
		REFUND((order, at) -> order.refunded(at)), VOID((order, at) -> order.paymentVoided(at)),
		CANCEL((order, at) -> order.requestCancellation(at, TIME_TO_DECIDE)),
		EXPIRE((order, at) -> order.expire(at.isBefore(DEADLINE) ? DEADLINE : at));

		private final BiPredicate<Order, Instant> apply;

		Action(BiPredicate<Order, Instant> apply) {
			this.apply = apply;
		}

		boolean applyTo(Order order, Instant at) {
			return apply.test(order, at);
		}

	}

	/**
	 * The complete transition table: for every state and every action, the resulting
	 * state, or {@code null} when the action is refused with
	 * {@link IllegalOrderTransitionException}. A result equal to the start state means
	 * the action is accepted and changes nothing.
	 */
	private static final Map<OrderStatus, Map<Action, OrderStatus>> TRANSITIONS = new EnumMap<>(OrderStatus.class);

	static {
		table(PENDING, CONFIRMED, REJECTED, PENDING, PENDING, CANCELLATION_REQUESTED, EXPIRED);
		table(CONFIRMED, CONFIRMED, CONFIRMED, CONFIRMED, CONFIRMED, CANCELLATION_REQUESTED, CONFIRMED);
		table(REJECTED, REJECTED, REJECTED, REJECTED, REJECTED, null, REJECTED);
		table(CANCELLATION_REQUESTED, CANCELLATION_REQUESTED, CANCELLED, CANCELLED, CANCELLED, CANCELLATION_REQUESTED,
				EXPIRED);
		table(CANCELLED, CANCELLED, CANCELLED, CANCELLED, CANCELLED, CANCELLED, CANCELLED);
		table(EXPIRED, EXPIRED, EXPIRED, EXPIRED, EXPIRED, null, EXPIRED);
	}

	private static void table(OrderStatus from, OrderStatus confirm, OrderStatus decline, OrderStatus refund,
			OrderStatus voided, OrderStatus cancel, OrderStatus expire) {
		Map<Action, OrderStatus> row = new EnumMap<>(Action.class);
		row.put(Action.CONFIRM, confirm);
		row.put(Action.DECLINE, decline);
		row.put(Action.REFUND, refund);
		row.put(Action.VOID, voided);
		row.put(Action.CANCEL, cancel);
		row.put(Action.EXPIRE, expire);
		TRANSITIONS.put(from, row);
	}

	static Stream<Arguments> everyStateAndAction() {
		return Stream.of(OrderStatus.values())
			.flatMap(from -> Stream.of(Action.values())
				.map(action -> Arguments.of(from, action, TRANSITIONS.get(from).get(action))));
	}

	@ParameterizedTest(name = "{0} --{1}--> {2}")
	@MethodSource("everyStateAndAction")
	void everyStateAndActionFollowsTheTransitionTable(OrderStatus from, Action action, OrderStatus expected) {
		Order order = orderIn(from);
		int historyBefore = order.history().size();
		Instant at = LATER.plus(Duration.ofHours(1));

		if (expected == null) {
			assertThatThrownBy(() -> action.applyTo(order, at)).isInstanceOf(IllegalOrderTransitionException.class)
				.hasMessageContaining(order.id().toString())
				.hasMessageContaining(from.name())
				.hasMessageContaining("cancel");
			assertThat(order.status()).isEqualTo(from);
			assertThat(order.history()).hasSize(historyBefore);
			return;
		}

		boolean changed = action.applyTo(order, at);

		assertThat(order.status()).isEqualTo(expected);
		assertThat(changed).as("changed").isEqualTo(expected != from);
		if (changed) {
			assertThat(order.history()).hasSize(historyBefore + 1);
			assertThat(order.history().getLast().status()).isEqualTo(expected);
			assertThat(order.history().getLast().reason()).isNotBlank();
		}
		else {
			assertThat(order.history()).hasSize(historyBefore);
		}
	}

	@Test
	void transitionTableCoversEveryStateAndAction() {
		assertThat(TRANSITIONS).containsOnlyKeys(OrderStatus.values());
		TRANSITIONS.values().forEach(row -> assertThat(row).containsOnlyKeys(Action.values()));
	}

	/**
	 * Every sequence of up to five actions from a new order: no state is ever entered
	 * twice, a terminal state never changes, and each recorded change is one step of the
	 * transition table.
	 */
	@Test
	void everySequenceOfActionsOnlyMovesForward() {
		List<List<Action>> sequences = new ArrayList<>();
		sequences.add(List.of());
		for (int length = 1; length <= 5; length++) {
			List<List<Action>> longer = new ArrayList<>();
			for (List<Action> sequence : sequences) {
				if (sequence.size() == length - 1) {
					for (Action action : Action.values()) {
						List<Action> next = new ArrayList<>(sequence);
						next.add(action);
						longer.add(next);
					}
				}
			}
			sequences.addAll(longer);
		}
		assertThat(sequences).hasSize(1 + 6 + 36 + 216 + 1296 + 7776);

		for (List<Action> sequence : sequences) {
			Order order = newOrder();
			Instant at = PLACED_AT;
			for (Action action : sequence) {
				at = at.plusSeconds(1);
				OrderStatus before = order.status();
				try {
					action.applyTo(order, at);
				}
				catch (IllegalOrderTransitionException refused) {
					assertThat(TRANSITIONS.get(before).get(action)).as("%s refused %s", sequence, action).isNull();
				}
				if (before.isTerminal()) {
					assertThat(order.status()).as("%s: terminal %s changed", sequence, before).isEqualTo(before);
				}
			}
			List<OrderStatus> visited = order.history().stream().map(StatusChange::status).toList();
			assertThat(new HashSet<>(visited)).as("%s visited %s", sequence, visited).hasSameSizeAs(visited);
			assertThat(visited.getFirst()).isEqualTo(PENDING);
			assertThat(visited.getLast()).isEqualTo(order.status());
			for (int i = 1; i < visited.size(); i++) {
				assertThat(TRANSITIONS.get(visited.get(i - 1)).values()).as("%s step %d", sequence, i)
					.contains(visited.get(i));
			}
		}
	}

	@Test
	void terminalStatesAreExactlyRejectedCancelledAndExpired() {
		Set<OrderStatus> terminal = new HashSet<>();
		for (OrderStatus status : OrderStatus.values()) {
			if (status.isTerminal()) {
				terminal.add(status);
			}
		}
		assertThat(terminal).containsExactlyInAnyOrder(REJECTED, CANCELLED, EXPIRED);
	}

	@Nested
	class Placing {

		@Test
		void newOrderIsPendingWithDeadlineAndOneHistoryEntry() {
			Order order = newOrder();

			assertThat(order.status()).isEqualTo(PENDING);
			assertThat(order.placedAt()).isEqualTo(PLACED_AT);
			assertThat(order.deadline()).isEqualTo(DEADLINE);
			assertThat(order.history()).containsExactly(new StatusChange(PENDING, PLACED_AT, "order placed"));
		}

		@Test
		void orderWithoutLinesIsRefused() {
			assertThatThrownBy(() -> Order.place(UUID.randomUUID(), "c-42", "ada@example.com", "EUR", "pm_card_visa",
					List.of(), PLACED_AT, TIME_TO_DECIDE))
				.isInstanceOf(IllegalArgumentException.class);
		}

		@Test
		void linesAreCopiedSoTheCallerCannotChangeTheOrder() {
			List<OrderLine> lines = new ArrayList<>(LINES);
			Order order = Order.place(UUID.randomUUID(), "c-42", "ada@example.com", "EUR", "pm_card_visa", lines,
					PLACED_AT, TIME_TO_DECIDE);

			lines.add(new OrderLine("BOOK-2", 1, new BigDecimal("1.00")));

			assertThat(order.lines()).hasSize(1);
			assertThat(order.total()).isEqualTo(new BigDecimal("25.00"));
		}

	}

	@Nested
	class Total {

		@Test
		void totalOfTheBriefsOrderIsExactly25_00() {
			assertThat(newOrder().total()).isEqualTo(new BigDecimal("25.00"));
		}

		@Test
		void totalIsExactDecimalArithmeticNotBinaryFloatingPoint() {
			Order order = withLines(new OrderLine("A", 3, new BigDecimal("0.10")),
					new OrderLine("B", 1, new BigDecimal("0.20")));

			// 3 * 0.1 + 0.2 is 0.5000000000000001 in double arithmetic
			assertThat(order.total()).isEqualTo(new BigDecimal("0.50"));
		}

		@Test
		void totalAlwaysHasTwoDecimals() {
			assertThat(withLines(new OrderLine("A", 1, new BigDecimal("10"))).total())
				.isEqualTo(new BigDecimal("10.00"))
				.hasScaleOf(2);
			assertThat(withLines(new OrderLine("A", 7, new BigDecimal("0.5"))).total())
				.isEqualTo(new BigDecimal("3.50"))
				.hasScaleOf(2);
		}

		@Test
		void totalSumsManyLargeLinesWithoutOverflowOrRounding() {
			List<OrderLine> lines = new ArrayList<>();
			for (int i = 0; i < 100; i++) {
				lines.add(new OrderLine("SKU-" + i, 1000, new BigDecimal("999999999.99")));
			}
			assertThat(withLines(lines.toArray(OrderLine[]::new)).total())
				.isEqualTo(new BigDecimal("99999999999000.00"));
		}

		@Test
		void totalIsRestoredFromLinesNotStored() {
			Order placed = newOrder();
			Order restored = Order.restore(placed.id(), "c-42", "ada@example.com", "EUR", "pm_card_visa", LINES,
					PLACED_AT, DEADLINE, CONFIRMED, placed.history());

			assertThat(restored.total()).isEqualTo(new BigDecimal("25.00"));
		}

	}

	@Nested
	class Cancellation {

		@Test
		void cancellingTwiceIsHarmlessAndRecordedOnce() {
			Order order = newOrder();

			assertThat(order.requestCancellation(LATER, TIME_TO_DECIDE)).isTrue();
			assertThat(order.requestCancellation(LATER.plusSeconds(1), TIME_TO_DECIDE)).isFalse();

			assertThat(order.status()).isEqualTo(CANCELLATION_REQUESTED);
			assertThat(order.history()).extracting(StatusChange::status)
				.containsExactly(PENDING, CANCELLATION_REQUESTED);
		}

		@Test
		void cancellingACancelledOrderAgainIsHarmless() {
			Order order = orderIn(CANCELLED);
			int size = order.history().size();

			assertThat(order.requestCancellation(LATER, TIME_TO_DECIDE)).isFalse();
			assertThat(order.history()).hasSize(size);
		}

		@ParameterizedTest
		@EnumSource(names = { "REJECTED", "EXPIRED" })
		void cancellingAFinishedOrderIsAConflict(OrderStatus finished) {
			Order order = orderIn(finished);

			assertThatThrownBy(() -> order.requestCancellation(LATER, TIME_TO_DECIDE))
				.isInstanceOf(IllegalOrderTransitionException.class)
				.hasMessage("Order " + order.id() + " is " + finished + " and cannot cancel any more");
		}

		@Test
		void aConfirmedOrderCancelledAfterItsDeadlineWaitsForItsRefundInsteadOfExpiring() {
			Order order = newOrder();
			order.confirm(LATER);
			Instant longAfter = DEADLINE.plus(Duration.ofHours(2));

			assertThat(order.requestCancellation(longAfter, TIME_TO_DECIDE)).isTrue();

			assertThat(order.deadline()).isEqualTo(longAfter.plus(TIME_TO_DECIDE));
			assertThat(order.expire(longAfter.plusSeconds(1))).isFalse();
			assertThat(order.refunded(longAfter.plusSeconds(2))).isTrue();
			assertThat(order.status()).isEqualTo(CANCELLED);
		}

		@Test
		void aPendingOrderKeepsItsDeadlineWhenCancelled() {
			Order order = newOrder();

			order.requestCancellation(LATER, TIME_TO_DECIDE);

			assertThat(order.deadline()).isEqualTo(DEADLINE);
			assertThat(order.expire(DEADLINE)).isTrue();
		}

		@Test
		void refundCompletesCancellationAsRefunded() {
			Order order = orderIn(CANCELLATION_REQUESTED);

			assertThat(order.refunded(LATER)).isTrue();

			assertThat(order.status()).isEqualTo(CANCELLED);
			assertThat(order.cancelledWithRefund()).isTrue();
		}

		@Test
		void declineDuringCancellationCancelsWithoutRefund() {
			Order order = orderIn(CANCELLATION_REQUESTED);

			assertThat(order.paymentDeclined("card_declined", LATER)).isTrue();

			assertThat(order.status()).isEqualTo(CANCELLED);
			assertThat(order.cancelledWithRefund()).isFalse();
			assertThat(order.lastReason()).contains("nothing to refund");
		}

		@Test
		void voidedPaymentCompletesCancellationWithoutRefund() {
			Order order = orderIn(CANCELLATION_REQUESTED);

			assertThat(order.paymentVoided(LATER)).isTrue();

			assertThat(order.status()).isEqualTo(CANCELLED);
			assertThat(order.cancelledWithRefund()).isFalse();
			assertThat(order.lastReason()).contains("nothing charged");
		}

		@Test
		void declineOfPendingOrderRecordsTheProvidersReason() {
			Order order = newOrder();

			order.paymentDeclined("insufficient_funds", LATER);

			assertThat(order.status()).isEqualTo(REJECTED);
			assertThat(order.lastReason()).contains("insufficient_funds");
			assertThat(order.cancelledWithRefund()).isFalse();
		}

	}

	@Nested
	class Expiry {

		@ParameterizedTest
		@EnumSource(names = { "PENDING", "CANCELLATION_REQUESTED" })
		void orderAwaitingAnOutcomeDoesNotExpireBeforeItsDeadline(OrderStatus awaiting) {
			Order order = orderIn(awaiting);

			assertThat(order.expire(DEADLINE.minusNanos(1))).isFalse();
			assertThat(order.expire(PLACED_AT)).isFalse();

			assertThat(order.status()).isEqualTo(awaiting);
		}

		@ParameterizedTest
		@EnumSource(names = { "PENDING", "CANCELLATION_REQUESTED" })
		void orderAwaitingAnOutcomeExpiresFromItsDeadlineOn(OrderStatus awaiting) {
			Order atDeadline = orderIn(awaiting);
			Order afterDeadline = orderIn(awaiting);

			assertThat(atDeadline.expire(DEADLINE)).isTrue();
			assertThat(afterDeadline.expire(DEADLINE.plusSeconds(3600))).isTrue();

			assertThat(atDeadline.status()).isEqualTo(EXPIRED);
			assertThat(atDeadline.history().getLast()).extracting(StatusChange::at).isEqualTo(DEADLINE);
			assertThat(atDeadline.lastReason()).contains(DEADLINE.toString());
			assertThat(afterDeadline.status()).isEqualTo(EXPIRED);
		}

		@ParameterizedTest
		@EnumSource(names = { "CONFIRMED", "REJECTED", "CANCELLED", "EXPIRED" })
		void orderWithAnOutcomeNeverExpires(OrderStatus decided) {
			Order order = orderIn(decided);
			int size = order.history().size();

			assertThat(order.expire(DEADLINE.plus(Duration.ofDays(365)))).isFalse();

			assertThat(order.status()).isEqualTo(decided);
			assertThat(order.history()).hasSize(size);
		}

		@Test
		void paymentAfterExpiryLeavesTheOrderExpired() {
			Order order = newOrder();
			order.expire(DEADLINE);

			assertThat(order.confirm(DEADLINE.plusSeconds(1))).isFalse();
			assertThat(order.paymentDeclined("late", DEADLINE.plusSeconds(2))).isFalse();
			assertThat(order.refunded(DEADLINE.plusSeconds(3))).isFalse();

			assertThat(order.status()).isEqualTo(EXPIRED);
		}

	}

	@Nested
	class UnsavedChanges {

		@Test
		void newOrderHasItsPlacementUnsaved() {
			Order order = newOrder();

			assertThat(order.unsavedChanges()).containsExactly(new StatusChange(PENDING, PLACED_AT, "order placed"));
		}

		@Test
		void restoredOrderHasNothingUnsaved() {
			Order restored = restore(newOrder());

			assertThat(restored.unsavedChanges()).isEmpty();
			assertThat(restored.history()).hasSize(1);
		}

		@Test
		void changesAfterRestoreAreUnsavedInOrder() {
			Order restored = restore(newOrder());

			restored.confirm(LATER);
			restored.requestCancellation(LATER.plusSeconds(1), TIME_TO_DECIDE);
			restored.refunded(LATER.plusSeconds(2));

			assertThat(restored.unsavedChanges()).extracting(StatusChange::status)
				.containsExactly(CONFIRMED, CANCELLATION_REQUESTED, CANCELLED);
			assertThat(restored.unsavedChanges()).extracting(StatusChange::at)
				.containsExactly(LATER, LATER.plusSeconds(1), LATER.plusSeconds(2));
			assertThat(restored.history()).hasSize(4);
		}

		@Test
		void refusedOrIneffectiveActionsLeaveNothingUnsaved() {
			Order restored = restore(orderIn(REJECTED));

			restored.confirm(LATER);
			restored.expire(DEADLINE);
			try {
				restored.requestCancellation(LATER, TIME_TO_DECIDE);
			}
			catch (IllegalOrderTransitionException expected) {
				// refused: nothing to save
			}

			assertThat(restored.unsavedChanges()).isEmpty();
		}

		@Test
		void historyIsReadOnlyForCallers() {
			Order order = newOrder();

			assertThatThrownBy(() -> order.history().add(new StatusChange(CONFIRMED, LATER, "forged")))
				.isInstanceOf(UnsupportedOperationException.class);
		}

	}

	@Test
	void ordersAreEqualByIdOnly() {
		UUID id = UUID.randomUUID();
		Order a = Order.place(id, "c-1", "a@example.com", "EUR", "pm", LINES, PLACED_AT, TIME_TO_DECIDE);
		Order b = Order.restore(id, "c-2", "b@example.com", "USD", "pm2", LINES, PLACED_AT, DEADLINE, CONFIRMED,
				a.history());

		assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
		assertThat(a).isNotEqualTo(newOrder());
	}

	private static Order newOrder() {
		return Order.place(UUID.randomUUID(), "c-42", "ada@example.com", "EUR", "pm_card_visa", LINES, PLACED_AT,
				TIME_TO_DECIDE);
	}

	private static Order withLines(OrderLine... lines) {
		return Order.place(UUID.randomUUID(), "c-42", "ada@example.com", "EUR", "pm_card_visa", List.of(lines),
				PLACED_AT, TIME_TO_DECIDE);
	}

	private static Order restore(Order order) {
		return Order.restore(order.id(), order.customerId(), order.customerEmail(), order.currency(),
				order.paymentMethod(), order.lines(), order.placedAt(), order.deadline(), order.status(),
				order.history());
	}

	/**
	 * An order brought into {@code status} through the state machine itself, before its
	 * deadline.
	 */
	private static Order orderIn(OrderStatus status) {
		Order order = newOrder();
		switch (status) {
			case PENDING -> {
			}
			case CONFIRMED -> order.confirm(LATER);
			case REJECTED -> order.paymentDeclined("card_declined", LATER);
			case CANCELLATION_REQUESTED -> order.requestCancellation(LATER, TIME_TO_DECIDE);
			case CANCELLED -> {
				order.requestCancellation(LATER, TIME_TO_DECIDE);
				order.refunded(LATER.plusSeconds(1));
			}
			case EXPIRED -> order.expire(DEADLINE);
		}
		assertThat(order.status()).isEqualTo(status);
		return order;
	}

}
