package io.orderflow.order.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The order aggregate and its state machine. It knows nothing of HTTP, SQL or Kafka: methods change the state
 * and answer whether they did, and {@link OrderService} turns changes into events.
 *
 * <pre>
 * PENDING ──authorized──▶ CONFIRMED ──cancel──▶ CANCELLATION_REQUESTED ──refunded──▶ CANCELLED
 *    │ ──declined──▶ REJECTED                          ▲      │ ──declined, voided──▶ CANCELLED
 *    │ ──cancel────────────────────────────────────────┘      │
 *    └──deadline──▶ EXPIRED ◀──────────deadline───────────────┘
 * </pre>
 */
public final class Order {

	private static final String REFUNDED = "payment refunded";

	private static final String VOIDED = "payment voided, nothing charged";

	private static final String DECLINED = "payment declined: ";

	private final UUID id;

	private final String customerId;

	private final String customerEmail;

	private final String currency;

	private final String paymentMethod;

	private final List<OrderLine> lines;

	private final BigDecimal total;

	private final Instant placedAt;

	private Instant deadline;

	private final List<StatusChange> history;

	private final int persistedChanges;

	private OrderStatus status;

	private Order(UUID id, String customerId, String customerEmail, String currency, String paymentMethod,
			List<OrderLine> lines, Instant placedAt, Instant deadline, OrderStatus status, List<StatusChange> history,
			int persistedChanges) {
		if (lines.isEmpty()) {
			throw new IllegalArgumentException("An order needs at least one line");
		}
		this.id = id;
		this.customerId = customerId;
		this.customerEmail = customerEmail;
		this.currency = currency;
		this.paymentMethod = paymentMethod;
		this.lines = List.copyOf(lines);
		this.total = this.lines.stream().map(OrderLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
			.setScale(2, RoundingMode.UNNECESSARY);
		this.placedAt = placedAt;
		this.deadline = deadline;
		this.status = status;
		this.history = new ArrayList<>(history);
		this.persistedChanges = persistedChanges;
	}

	/** A new order, PENDING until payment answers or {@code timeToDecide} passes. */
	public static Order place(UUID id, String customerId, String customerEmail, String currency, String paymentMethod,
			List<OrderLine> lines, Instant now, Duration timeToDecide) {
		return new Order(id, customerId, customerEmail, currency, paymentMethod, lines, now, now.plus(timeToDecide),
				OrderStatus.PENDING, List.of(new StatusChange(OrderStatus.PENDING, now, "order placed")), 0);
	}

	/** Rebuilds an order from storage. */
	public static Order restore(UUID id, String customerId, String customerEmail, String currency,
			String paymentMethod, List<OrderLine> lines, Instant placedAt, Instant deadline, OrderStatus status,
			List<StatusChange> history) {
		return new Order(id, customerId, customerEmail, currency, paymentMethod, lines, placedAt, deadline, status,
				history, history.size());
	}

	/** Payment was authorized. Confirms a pending order; any other state keeps its course. */
	public boolean confirm(Instant at) {
		return moveFrom(OrderStatus.PENDING, OrderStatus.CONFIRMED, at, "payment authorized");
	}

	/** Payment was declined: a pending order is rejected; an order being cancelled is cancelled (nothing to refund). */
	public boolean paymentDeclined(String reason, Instant at) {
		return moveFrom(OrderStatus.PENDING, OrderStatus.REJECTED, at, DECLINED + reason)
				|| moveFrom(OrderStatus.CANCELLATION_REQUESTED, OrderStatus.CANCELLED, at, "payment declined, nothing to refund");
	}

	/**
	 * payment-service voided the payment: no money was taken and none will be. Completes a cancellation; after an
	 * expiry it changes nothing.
	 */
	public boolean paymentVoided(Instant at) {
		return moveFrom(OrderStatus.CANCELLATION_REQUESTED, OrderStatus.CANCELLED, at, VOIDED);
	}

	/** The payment was refunded: completes a cancellation. A refund after expiry changes nothing. */
	public boolean refunded(Instant at) {
		return moveFrom(OrderStatus.CANCELLATION_REQUESTED, OrderStatus.CANCELLED, at, REFUNDED);
	}

	/**
	 * The customer asks to cancel. Answers true when this starts the cancellation, false when it already runs or
	 * is done (asking twice is harmless). A pending order keeps its deadline. A confirmed order is paid, so its
	 * cancellation waits for the refund and gets {@code timeToDecide} from now: an order confirmed long ago is not
	 * expired the moment it is cancelled.
	 * @throws IllegalOrderTransitionException when the order's outcome can no longer be cancelled
	 */
	public boolean requestCancellation(Instant at, Duration timeToDecide) {
		switch (status) {
			case PENDING -> {
				changeTo(OrderStatus.CANCELLATION_REQUESTED, at, "cancellation requested");
				return true;
			}
			case CONFIRMED -> {
				Instant refundDeadline = at.plus(timeToDecide);
				if (refundDeadline.isAfter(deadline)) {
					deadline = refundDeadline;
				}
				changeTo(OrderStatus.CANCELLATION_REQUESTED, at, "cancellation requested");
				return true;
			}
			case CANCELLATION_REQUESTED, CANCELLED -> {
				return false;
			}
			default -> throw new IllegalOrderTransitionException(id, status, "cancel");
		}
	}

	/** The saga's deadline passed without an outcome. */
	public boolean expire(Instant at) {
		if (!status.awaitsOutcome() || at.isBefore(deadline)) {
			return false;
		}
		changeTo(OrderStatus.EXPIRED, at, "no outcome before the deadline " + deadline);
		return true;
	}

	private boolean moveFrom(OrderStatus from, OrderStatus to, Instant at, String reason) {
		if (status != from) {
			return false;
		}
		changeTo(to, at, reason);
		return true;
	}

	private void changeTo(OrderStatus next, Instant at, String reason) {
		status = next;
		history.add(new StatusChange(next, at, reason));
	}

	public UUID id() {
		return id;
	}

	public String customerId() {
		return customerId;
	}

	public String customerEmail() {
		return customerEmail;
	}

	public String currency() {
		return currency;
	}

	public String paymentMethod() {
		return paymentMethod;
	}

	public List<OrderLine> lines() {
		return lines;
	}

	public BigDecimal total() {
		return total;
	}

	public Instant placedAt() {
		return placedAt;
	}

	public Instant deadline() {
		return deadline;
	}

	public OrderStatus status() {
		return status;
	}

	public List<StatusChange> history() {
		return Collections.unmodifiableList(history);
	}

	/** History entries added since the order was loaded or placed, for the repository to append. */
	public List<StatusChange> unsavedChanges() {
		return history.subList(persistedChanges, history.size());
	}

	/** Whether the order ended cancelled after its payment was given back. */
	public boolean cancelledWithRefund() {
		return status == OrderStatus.CANCELLED && REFUNDED.equals(lastReason());
	}

	/** Whether the order ended cancelled because payment-service voided its payment: never charged. */
	public boolean cancelledWithPaymentVoided() {
		return status == OrderStatus.CANCELLED && VOIDED.equals(lastReason());
	}

	/** The provider's decline code of a rejected order, as payment-service reported it. */
	public String declineReason() {
		if (status != OrderStatus.REJECTED) {
			throw new IllegalStateException("Order " + id + " is " + status + ", not rejected");
		}
		return lastReason().substring(DECLINED.length());
	}

	public String lastReason() {
		return history.getLast().reason();
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Order order && Objects.equals(id, order.id);
	}

	@Override
	public int hashCode() {
		return id.hashCode();
	}

}
