package io.orderflow.order.idempotency;

/** The same {@code Idempotency-Key} came with a different request body. */
public class IdempotencyKeyReusedException extends RuntimeException {

	public IdempotencyKeyReusedException(String key) {
		super("Idempotency-Key '" + key + "' was already used for a different request; use a new key for a new order");
	}

}
