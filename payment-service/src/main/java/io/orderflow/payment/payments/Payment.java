package io.orderflow.payment.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The payment of one order (at most one per order: the order id is the key). Immutable; each change answers a
 * new value for the repository to store. A voided payment has no amount and no currency.
 */
public record Payment(UUID orderId, PaymentStatus status, BigDecimal amount, String currency, String chargeId,
		String declineReason, String refundId, Instant createdAt, Instant updatedAt) {

	public static Payment authorized(UUID orderId, BigDecimal amount, String currency, String chargeId, Instant at) {
		return new Payment(orderId, PaymentStatus.AUTHORIZED, amount, currency, chargeId, null, null, at, at);
	}

	public static Payment declined(UUID orderId, BigDecimal amount, String currency, String reason, Instant at) {
		return new Payment(orderId, PaymentStatus.DECLINED, amount, currency, null, reason, null, at, at);
	}

	/** The order ended before any charge; recorded so that a late {@code OrderPlaced} never charges it. */
	public static Payment voided(UUID orderId, Instant at) {
		return new Payment(orderId, PaymentStatus.VOIDED, null, null, null, null, null, at, at);
	}

	/** Only an authorized payment has money to give back. */
	public boolean isRefundable() {
		return status == PaymentStatus.AUTHORIZED;
	}

	public Payment refunded(String refundId, Instant at) {
		if (!isRefundable()) {
			throw new IllegalStateException("Payment of order " + orderId + " is " + status + ", nothing to refund");
		}
		return new Payment(orderId, PaymentStatus.REFUNDED, amount, currency, chargeId, declineReason, refundId,
				createdAt, at);
	}

}
