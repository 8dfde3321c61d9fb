package io.orderflow.provider.simulator;

/** The ledger refused a refund; the reason decides the HTTP status and the error code. */
final class RefundRejectedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	enum Reason {

		UNKNOWN_CHARGE, CHARGE_NOT_SUCCEEDED, ALREADY_REFUNDED, EXCEEDS_REFUNDABLE_AMOUNT

	}

	private final Reason reason;

	RefundRejectedException(Reason reason, String detail) {
		super(detail, null, false, false);
		this.reason = reason;
	}

	Reason reason() {
		return reason;
	}

}
