package io.orderflow.payment.payments.provider;

import java.time.Duration;
import java.util.Optional;

import io.orderflow.resilience.RetryAfter;

/**
 * A failure worth retrying under the same idempotency key and counting against the
 * circuit: the network, a timeout, 408, 409 (the key is still in flight), 429, a 5xx
 * answered for the first time, an unreadable 2xx. The outcome of the request is unknown
 * until the key answers again.
 */
final class TransientProviderFailure extends RuntimeException implements RetryAfter {

	private final transient Optional<Duration> retryAfter;

	TransientProviderFailure(String message, Throwable cause, Optional<Duration> retryAfter) {
		super(message, cause);
		this.retryAfter = retryAfter;
	}

	@Override
	public Optional<Duration> retryAfter() {
		return retryAfter;
	}

}
