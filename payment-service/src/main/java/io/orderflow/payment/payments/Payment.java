package io.orderflow.payment.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The payment of one order (at most one per order: the order id is the key). Immutable;
 * each change answers a new value for the repository to store.
 *
 * <p>
 * A payment starts as a {@link PaymentStatus#PENDING PENDING} intent, stored before the
 * provider is asked for money, and is decided by the provider's answer. The attempts
 * number the idempotency keys: a key whose request failed at the provider is spent (the
 * provider replays that failure for it forever), so the next request for the same money
 * needs the next key, and only once the provider said it booked nothing under the spent
 * one.
 *
 * @param customerId whose order it is, as its {@code OrderPlaced} said; {@code null}
 * while payment-service has not seen that event (a payment voided before it), and for
 * payments stored before customers were recorded: such a payment is no customer's
 * @param amount what the order costs; {@code null} only for a payment voided before any
 * intent was stored
 * @param chargeAttempt the attempt whose idempotency key the charge uses, from 1
 * @param refundAttempt the attempt whose idempotency key the refund uses, from 1
 */
public record Payment(UUID orderId, String customerId, PaymentStatus status, BigDecimal amount, String currency,
		String chargeId, String declineReason, String refundId, int chargeAttempt, int refundAttempt, Instant createdAt,
		Instant updatedAt) {

	/** The intent to charge, stored before the provider is called. */
	public static Payment intent(UUID orderId, String customerId, BigDecimal amount, String currency, Instant at) {
		return new Payment(orderId, customerId, PaymentStatus.PENDING, amount, currency, null, null, null, 1, 1, at,
				at);
	}

	/**
	 * The order ended before payment-service ever asked for money; recorded so that a
	 * late charge never happens.
	 */
	public static Payment voidedBeforeAnyIntent(UUID orderId, Instant at) {
		return new Payment(orderId, null, PaymentStatus.VOIDED, null, null, null, null, null, 1, 1, at, at);
	}

	/**
	 * Whether the customer may see this payment: only the one who placed the order; a
	 * payment of no known customer is nobody's.
	 */
	public boolean belongsTo(String customer) {
		return customerId != null && customerId.equals(customer);
	}

	public boolean isPending() {
		return status == PaymentStatus.PENDING;
	}

	/** Only an authorized payment has money to give back. */
	public boolean isRefundable() {
		return status == PaymentStatus.AUTHORIZED;
	}

	public Payment authorized(String chargeId, Instant at) {
		requirePending("authorize");
		return with(PaymentStatus.AUTHORIZED, chargeId, null, null, at);
	}

	public Payment declined(String declineCode, Instant at) {
		requirePending("decline");
		return with(PaymentStatus.DECLINED, null, declineCode, null, at);
	}

	/** The provider holds no charge for this intent, and none will be asked for. */
	public Payment voided(Instant at) {
		requirePending("void");
		return with(PaymentStatus.VOIDED, null, null, null, at);
	}

	/**
	 * The charge was given back: the authorized one, or one the provider booked for a
	 * pending intent whose answer never reached payment-service.
	 */
	public Payment refunded(String chargeId, String refundId, Instant at) {
		if (status != PaymentStatus.AUTHORIZED && status != PaymentStatus.PENDING) {
			throw new IllegalStateException("Payment of order " + orderId + " is " + status + ", nothing to refund");
		}
		return with(PaymentStatus.REFUNDED, chargeId, declineReason, refundId, at);
	}

	/**
	 * The current charge key is spent and booked nothing: the next request uses the next
	 * key.
	 */
	public Payment withNextChargeAttempt(Instant at) {
		requirePending("charge again");
		return new Payment(orderId, customerId, status, amount, currency, chargeId, declineReason, refundId,
				chargeAttempt + 1, refundAttempt, createdAt, at);
	}

	/**
	 * The current refund key is spent and refunded nothing: the next request uses the
	 * next key.
	 */
	public Payment withNextRefundAttempt(Instant at) {
		return new Payment(orderId, customerId, status, amount, currency, chargeId, declineReason, refundId,
				chargeAttempt, refundAttempt + 1, createdAt, at);
	}

	/**
	 * One charge per order: the provider sees the same key however often the order is
	 * retried.
	 */
	public String chargeKey() {
		return key("charge", chargeAttempt);
	}

	public String refundKey() {
		return key("refund", refundAttempt);
	}

	/**
	 * The first attempt's key is the one payment-service always used, so payments stored
	 * before attempts stay valid.
	 */
	private String key(String operation, int attempt) {
		return "order-" + orderId + "-" + operation + (attempt == 1 ? "" : "-" + attempt);
	}

	private Payment with(PaymentStatus next, String charge, String decline, String refund, Instant at) {
		return new Payment(orderId, customerId, next, amount, currency, charge, decline, refund, chargeAttempt,
				refundAttempt, createdAt, at);
	}

	private void requirePending(String action) {
		if (!isPending()) {
			throw new IllegalStateException("Payment of order " + orderId + " is " + status + ", cannot " + action);
		}
	}

}
