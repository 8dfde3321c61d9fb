package io.orderflow.payment.payments;

import java.math.BigDecimal;

/**
 * The external payment provider, a synchronous edge (adapter: {@code provider.PaymentProviderClient}). Both calls
 * carry an idempotency key, so repeating one after a timeout or a crash never moves money twice.
 */
public interface PaymentProvider {

	/** The name of this synchronous edge: its circuit breaker, retry, bulkhead, metrics and settings. */
	String EDGE = "payment-provider";

	ChargeOutcome charge(String idempotencyKey, String reference, BigDecimal amount, String currency,
			String paymentMethod);

	/** @return the provider's refund id */
	String refund(String idempotencyKey, String chargeId, BigDecimal amount);

	/** The provider's answer to a charge: money taken, or a decline with its code. */
	sealed interface ChargeOutcome {

		record Approved(String chargeId) implements ChargeOutcome {
		}

		record Declined(String declineCode) implements ChargeOutcome {
		}

	}

}
