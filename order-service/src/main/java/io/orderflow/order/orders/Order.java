package io.orderflow.order.orders;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.order.orders.OrderDomainEvent.Cancellation;
import io.orderflow.order.orders.OrderDomainEvent.CancellationRequested;
import io.orderflow.order.orders.OrderDomainEvent.Cancelled;
import io.orderflow.order.orders.OrderDomainEvent.Confirmed;
import io.orderflow.order.orders.OrderDomainEvent.Expired;
import io.orderflow.order.orders.OrderDomainEvent.Placed;
import io.orderflow.order.orders.OrderDomainEvent.Rejected;

/**
 * The order aggregate and its state machine. It knows nothing of HTTP, SQL or Kafka:
 * methods change the state, answer whether they did, and record what happened and why as
 * an {@link OrderDomainEvent} and a step of the history. The order keeps the events it
 * raised until {@link OrderService} has stored it and handed them on
 * ({@link #domainEvents()}, {@link #clearDomainEvents()}).
 *
 * <pre>
 * PENDING ──authorized──▶ CONFIRMED ──cancel──▶ CANCELLATION_REQUESTED ──refunded──▶ CANCELLED
 *    │ ──declined──▶ REJECTED                          ▲      │ ──declined, voided──▶ CANCELLED
 *    │ ──cancel────────────────────────────────────────┘      │
 *    └──deadline──▶ EXPIRED ◀──────────deadline───────────────┘
 * </pre>
 */
public final class Order {

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

	private final List<OrderDomainEvent> domainEvents = new ArrayList<>();

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
		this.total = this.lines.stream()
			.map(OrderLine::amount)
			.reduce(BigDecimal.ZERO, BigDecimal::add)
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
		Order order = new Order(id, customerId, customerEmail, currency, paymentMethod, lines, now,
				now.plus(timeToDecide), OrderStatus.PENDING, List.of(), 0);
		order.raise(new Placed(id, now), "order placed");
		return order;
	}

	/** Rebuilds an order from storage. */
	public static Order restore(UUID id, String customerId, String customerEmail, String currency, String paymentMethod,
			List<OrderLine> lines, Instant placedAt, Instant deadline, OrderStatus status, List<StatusChange> history) {
		return new Order(id, customerId, customerEmail, currency, paymentMethod, lines, placedAt, deadline, status,
				history, history.size());
	}

	/**
	 * Payment was authorized. Confirms a pending order; any other state keeps its course.
	 */
	public boolean confirm(Instant at) {
		return status == OrderStatus.PENDING && raise(new Confirmed(id, at, placedAt), "payment authorized");
	}

	/**
	 * Payment was declined: a pending order is rejected; an order being cancelled is
	 * cancelled (nothing to refund).
	 */
	public boolean paymentDeclined(String reason, Instant at) {
		return switch (status) {
			case PENDING -> raise(new Rejected(id, at, placedAt, reason), "payment declined: " + reason);
			case CANCELLATION_REQUESTED ->
				raise(new Cancelled(id, at, placedAt, Cancellation.DECLINED), "payment declined, nothing to refund");
			default -> false;
		};
	}

	/**
	 * payment-service voided the payment: no money was taken and none will be. Completes
	 * a cancellation; after an expiry it changes nothing.
	 */
	public boolean paymentVoided(Instant at) {
		return cancelled(Cancellation.VOIDED, at, "payment voided, nothing charged");
	}

	/**
	 * The payment was refunded: completes a cancellation. A refund after expiry changes
	 * nothing.
	 */
	public boolean refunded(Instant at) {
		return cancelled(Cancellation.REFUNDED, at, "payment refunded");
	}

	private boolean cancelled(Cancellation how, Instant at, String reason) {
		return status == OrderStatus.CANCELLATION_REQUESTED && raise(new Cancelled(id, at, placedAt, how), reason);
	}

	/**
	 * The customer asks to cancel. Answers true when this starts the cancellation, false
	 * when it already runs or is done (asking twice is harmless). A pending order keeps
	 * its deadline. A confirmed order is paid, so its cancellation waits for the refund
	 * and gets {@code timeToDecide} from now: an order confirmed long ago is not expired
	 * the moment it is cancelled.
	 * @throws IllegalOrderTransitionException when the order's outcome can no longer be
	 * cancelled
	 */
	public boolean requestCancellation(Instant at, Duration timeToDecide) {
		switch (status) {
			case PENDING -> {
				return raise(new CancellationRequested(id, at), "cancellation requested");
			}
			case CONFIRMED -> {
				Instant refundDeadline = at.plus(timeToDecide);
				if (refundDeadline.isAfter(deadline)) {
					deadline = refundDeadline;
				}
				return raise(new CancellationRequested(id, at), "cancellation requested");
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
		return raise(new Expired(id, at, placedAt), "no outcome before the deadline " + deadline);
	}

	/**
	 * Moves the order on: the event's state becomes the order's, the history gets a step
	 * with the event's cause as data and {@code reason} as its wording, and the event
	 * waits to be handed on.
	 * @return true, for the transitions to answer that the order changed
	 */
	private boolean raise(OrderDomainEvent event, String reason) {
		status = event.status();
		history.add(new StatusChange(status, event.at(), reason,
				event instanceof Rejected rejected ? rejected.declineReason() : null,
				event instanceof Cancelled cancelled ? cancelled.how() : null));
		domainEvents.add(event);
		return true;
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

	/**
	 * History entries added since the order was loaded or placed, for the repository to
	 * append.
	 */
	public List<StatusChange> unsavedChanges() {
		return history.subList(persistedChanges, history.size());
	}

	/**
	 * The events raised since the order was loaded or placed, oldest first: what
	 * {@link OrderService} announces and publishes once it stored the order.
	 */
	public List<OrderDomainEvent> domainEvents() {
		return Collections.unmodifiableList(domainEvents);
	}

	/**
	 * Forgets the raised events, once they were handed on: handing them on again would
	 * announce them twice.
	 */
	public void clearDomainEvents() {
		domainEvents.clear();
	}

	/**
	 * How the cancellation of a cancelled order ended for its payment; empty for an order
	 * not cancelled.
	 */
	public Optional<Cancellation> cancellation() {
		return status == OrderStatus.CANCELLED ? Optional.ofNullable(history.getLast().cancellation())
				: Optional.empty();
	}

	/** Whether the order ended cancelled after its payment was given back. */
	public boolean cancelledWithRefund() {
		return cancellation().filter(Cancellation.REFUNDED::equals).isPresent();
	}

	/**
	 * The provider's decline code of a rejected order, as payment-service reported it.
	 */
	public String declineReason() {
		if (status != OrderStatus.REJECTED) {
			throw new IllegalStateException("Order " + id + " is " + status + ", not rejected");
		}
		return history.getLast().declineReason();
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
