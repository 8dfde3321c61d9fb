package io.orderflow.payment.payments;

import io.orderflow.messaging.consumer.DependencyUnavailableException;

/**
 * The provider could not answer (down, too slow, circuit open). Nothing was decided: the
 * event waits in Kafka and is retried until the provider heals, and the provider's
 * idempotency key makes every retry safe.
 */
public class PaymentProviderUnavailableException extends DependencyUnavailableException {

	public PaymentProviderUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
