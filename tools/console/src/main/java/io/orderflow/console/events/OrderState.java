package io.orderflow.console.events;

/**
 * An order's states as its events announce them. The rank only grows: a late or
 * redelivered event never moves an order back, as in order-service's own state machine.
 */
public enum OrderState {

	PENDING(0, false), CONFIRMED(1, true), CANCELLATION_REQUESTED(2, false), REJECTED(3, true), CANCELLED(3, true),
	EXPIRED(3, true);

	private final int rank;

	private final boolean outcome;

	OrderState(int rank, boolean outcome) {
		this.rank = rank;
		this.outcome = outcome;
	}

	/** Confirmed, rejected, cancelled or expired: the saga has answered the customer. */
	public boolean isOutcome() {
		return outcome;
	}

	boolean isAfter(OrderState other) {
		return rank > other.rank;
	}

}
