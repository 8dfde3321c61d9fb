package io.orderflow.order.orders;

import java.util.UUID;

/** No order with this id. */
public class OrderNotFoundException extends RuntimeException {

	public OrderNotFoundException(UUID orderId) {
		super("No order " + orderId);
	}

}
