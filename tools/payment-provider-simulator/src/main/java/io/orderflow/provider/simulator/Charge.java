package io.orderflow.provider.simulator;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A charge as recorded in the {@link Ledger}, approved or declined. The same record is
 * the body of the charge response and of a ledger entry, so what a client was told and
 * what was booked cannot drift apart.
 *
 * @param declineCode why the charge was declined; {@code null} when it succeeded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "id", "status", "amount", "currency", "paymentMethod", "reference", "declineCode",
		"idempotencyKey", "createdAt" })
public record Charge(String id, String idempotencyKey, String reference, BigDecimal amount, String currency,
		String paymentMethod, ChargeStatus status, String declineCode, Instant createdAt) {

	@JsonIgnore
	public boolean succeeded() {
		return status == ChargeStatus.SUCCEEDED;
	}

}
