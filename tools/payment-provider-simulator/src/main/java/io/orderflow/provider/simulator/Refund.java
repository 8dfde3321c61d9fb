package io.orderflow.provider.simulator;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A refund as recorded in the {@link Ledger}. Refunds that are refused are never
 * recorded, so every refund here succeeded. It carries the reference of its charge so
 * that a test can audit one order.
 *
 * @param charge the id of the refunded charge
 */
@JsonPropertyOrder({ "id", "status", "charge", "amount", "currency", "reference", "idempotencyKey", "createdAt" })
public record Refund(String id, String idempotencyKey, String charge, String reference, BigDecimal amount,
		String currency, Instant createdAt) {

	@JsonProperty("status")
	public String status() {
		return "succeeded";
	}

}
