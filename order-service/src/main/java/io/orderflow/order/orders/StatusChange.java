package io.orderflow.order.orders;

import java.time.Instant;

import io.orderflow.order.orders.OrderDomainEvent.Cancellation;

/**
 * One step of an order's history. {@code reason} explains it to people; the cause that
 * code acts on is kept as data beside it and never read from that wording.
 *
 * @param declineReason the provider's decline code of a {@link OrderStatus#REJECTED
 * rejection}, else null
 * @param cancellation how a {@link OrderStatus#CANCELLED cancellation} ended for the
 * payment, else null
 */
public record StatusChange(OrderStatus status, Instant at, String reason, String declineReason,
		Cancellation cancellation) {

	public StatusChange {
		if ((status == OrderStatus.REJECTED) != (declineReason != null)) {
			throw new IllegalArgumentException(
					"A rejection, and only a rejection, has a decline reason: " + status + " with " + declineReason);
		}
		if ((status == OrderStatus.CANCELLED) != (cancellation != null)) {
			throw new IllegalArgumentException(
					"A cancellation, and only a cancellation, says how it ended: " + status + " with " + cancellation);
		}
	}

	/** A step that needs no more than its wording. */
	public StatusChange(OrderStatus status, Instant at, String reason) {
		this(status, at, reason, null, null);
	}

}
