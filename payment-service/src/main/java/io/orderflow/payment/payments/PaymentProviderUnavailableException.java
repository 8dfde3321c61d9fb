package io.orderflow.payment.payments;

/**
 * The provider could not answer (down, too slow, circuit open). Nothing was decided: the event is retried, and
 * the provider's idempotency key makes the retry safe.
 */
public class PaymentProviderUnavailableException extends RuntimeException {

	public PaymentProviderUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
