package io.orderflow.order.orders;

import java.util.UUID;

/**
 * A request that the order's current state does not allow, such as cancelling a rejected
 * order.
 */
public class IllegalOrderTransitionException extends RuntimeException {

	public IllegalOrderTransitionException(UUID orderId, OrderStatus status, String action) {
		super("Order " + orderId + " is " + status + " and cannot " + action + " any more");
	}

}
