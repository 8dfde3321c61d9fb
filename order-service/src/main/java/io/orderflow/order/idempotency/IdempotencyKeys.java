package io.orderflow.order.idempotency;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Remembers which order each {@code Idempotency-Key} of a customer created, in the
 * transaction that creates the order, so a client retrying a request it never saw
 * answered gets the same order instead of a second one. A key is the customer's: another
 * customer's identical key is another key. Keys are forgotten after a horizon
 * ({@link IdempotencyKeyPruning}).
 */
@Repository
public class IdempotencyKeys {

	private final JdbcClient jdbc;

	public IdempotencyKeys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Claims the customer's key for a new order, or answers the order that claimed it
	 * before. A concurrent claim of the same key waits for the first transaction to
	 * finish (unique index), so exactly one order wins.
	 * @return {@code newOrderId} if the key was free, otherwise the id of the order
	 * placed under it
	 * @throws IdempotencyKeyReusedException when the key was used for a different request
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public UUID claim(String customerId, String key, String requestFingerprint, UUID newOrderId) {
		int claimed = jdbc.sql("""
				insert into idempotency_key (customer_id, idempotency_key, request_fingerprint, order_id)
				values (?, ?, ?, ?)
				on conflict (customer_id, idempotency_key) do nothing""")
			.params(customerId, key, requestFingerprint, newOrderId)
			.update();
		if (claimed == 1) {
			return newOrderId;
		}
		record Claim(String requestFingerprint, UUID orderId) {
		}
		Optional<Claim> earlier = jdbc.sql(
				"select request_fingerprint, order_id from idempotency_key where customer_id = ? and idempotency_key = ?")
			.params(customerId, key)
			.query(Claim.class)
			.optional();
		if (earlier.isEmpty()) {
			// pruned between the two statements: the key is past its horizon, so it is
			// free again
			return claim(customerId, key, requestFingerprint, newOrderId);
		}
		if (!earlier.get().requestFingerprint().equals(requestFingerprint)) {
			throw new IdempotencyKeyReusedException(key);
		}
		return earlier.get().orderId();
	}

}
