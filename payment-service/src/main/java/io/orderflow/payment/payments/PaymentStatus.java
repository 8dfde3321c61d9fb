package io.orderflow.payment.payments;

/** Where the money of an order stands. */
public enum PaymentStatus {

	/** The provider charged the customer. */
	AUTHORIZED,
	/** The provider refused the charge; nothing was taken. */
	DECLINED,
	/** The charge was given back. */
	REFUNDED,
	/** The order was cancelled or expired before it was charged: it never will be. */
	VOIDED

}
