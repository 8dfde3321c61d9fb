package io.orderflow.payment.payments;

/** Where the money of an order stands. */
public enum PaymentStatus {

	/**
	 * payment-service asked the provider for the money, or is about to: the outcome is
	 * not known yet, so the order may be charged. Recorded before the call, so that "no
	 * payment" always means "never charged".
	 */
	PENDING,
	/** The provider charged the customer. */
	AUTHORIZED,
	/** The provider refused the charge; nothing was taken. */
	DECLINED,
	/** The charge was given back. */
	REFUNDED,
	/**
	 * The order ended (cancelled or expired) without a charge at the provider:
	 * payment-service never asked for one, or asked the provider and it holds none. It
	 * never will be charged.
	 */
	VOIDED

}
