package io.orderflow.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure of one call as its edge classified it, on its way through the circuit breaker
 * and the retry: the breaker records only these (any other exception is an answer, such
 * as a declined card, and counts as a success), the retry repeats only the transient
 * ones. It never leaves the edge: {@link ResilientEdge#call} turns it into an
 * {@link EdgeUnavailableException} whose cause is the caller's own exception.
 */
final class EdgeFailure extends RuntimeException implements RetryAfter {

	private final boolean transientFailure;

	private EdgeFailure(RuntimeException failure, boolean transientFailure) {
		super(failure.getMessage(), failure, false, false);
		this.transientFailure = transientFailure;
	}

	/** Network, timeout, 5xx: worth repeating where the call is idempotent. */
	static EdgeFailure transientFailure(RuntimeException failure) {
		return new EdgeFailure(failure, true);
	}

	/**
	 * The downstream will not serve us at all for now: an immediate repeat cannot
	 * succeed.
	 */
	static EdgeFailure outage(RuntimeException failure) {
		return new EdgeFailure(failure, false);
	}

	boolean isTransient() {
		return transientFailure;
	}

	/** The caller's exception, as it threw it. */
	RuntimeException failure() {
		return (RuntimeException) getCause();
	}

	@Override
	public Optional<Duration> retryAfter() {
		return getCause() instanceof RetryAfter hint ? hint.retryAfter() : Optional.empty();
	}

}
