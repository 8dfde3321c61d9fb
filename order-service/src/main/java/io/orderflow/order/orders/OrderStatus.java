package io.orderflow.order.orders;

/**
 * The states of an order's saga. Transitions only move forward (property I3,
 * docs/architecture.md); see {@link Order}.
 */
public enum OrderStatus {

	PENDING, CONFIRMED, REJECTED, CANCELLATION_REQUESTED, CANCELLED, EXPIRED;

	/** No payment result, cancellation or deadline changes a terminal order any more. */
	public boolean isTerminal() {
		return this == REJECTED || this == CANCELLED || this == EXPIRED;
	}

	/** The saga still waits for something: these orders can expire. */
	public boolean awaitsOutcome() {
		return this == PENDING || this == CANCELLATION_REQUESTED;
	}

}
