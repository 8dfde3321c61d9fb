package io.orderflow.resilience;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;

/**
 * One synchronous edge to a downstream, named after it: a Spring Cloud CircuitBreaker
 * (Resilience4j: a circuit breaker that stops calling a downstream that keeps failing,
 * around a bulkhead that bounds concurrent calls), inside a Resilience4j retry with
 * jittered exponential backoff that repeats a failed call (only where the call is
 * idempotent: with one attempt configured there is no retry). Each attempt goes through
 * the breaker, so each is recorded and an open circuit ends the retries at once. The
 * call's own timeout is the caller's to apply ({@link #timeout()}), on its HTTP or SMTP
 * client.
 */
public final class ResilientEdge {

	private final String name;

	private final org.springframework.cloud.client.circuitbreaker.CircuitBreaker breaker;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final Duration timeout;

	private final Class<? extends Throwable> transientFailure;

	private final Class<? extends Throwable> outage;

	ResilientEdge(String name, org.springframework.cloud.client.circuitbreaker.CircuitBreaker breaker,
			CircuitBreaker circuitBreaker, Retry retry, Duration timeout, Class<? extends Throwable> transientFailure,
			Class<? extends Throwable> outage) {
		this.name = name;
		this.breaker = breaker;
		this.circuitBreaker = circuitBreaker;
		this.retry = retry;
		this.timeout = timeout;
		this.transientFailure = transientFailure;
		this.outage = outage;
	}

	/**
	 * Calls the downstream through retry, circuit breaker and bulkhead.
	 * @throws EdgeUnavailableException when the circuit is open, the bulkhead is full,
	 * the downstream refuses to serve us (an outage: not retried), or the call still
	 * failed transiently after its retries; any other exception of the call passes
	 * through unchanged
	 */
	public <T> T call(Supplier<T> call) {
		Supplier<T> guarded = Retry.decorateSupplier(retry, () -> breaker.run(() -> classified(call), this::failed));
		try {
			return guarded.get();
		}
		catch (EdgeFailure ex) {
			throw new EdgeUnavailableException(name,
					"failed after " + retry.getRetryConfig().getMaxAttempts() + " attempt(s): " + ex.getMessage(),
					ex.failure());
		}
	}

	/**
	 * The call, its failures marked for the breaker and the retry as the caller
	 * classifies them.
	 */
	private <T> T classified(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			if (outage.isInstance(ex)) {
				throw EdgeFailure.outage(ex);
			}
			if (transientFailure.isInstance(ex)) {
				throw EdgeFailure.transientFailure(ex);
			}
			throw ex;
		}
	}

	/**
	 * The breaker's fallback, which sees every exception: a call refused or an outage
	 * ends here, a transient failure goes on to the retry, an answer to the caller.
	 */
	private <T> T failed(Throwable failure) {
		if (failure instanceof CallNotPermittedException) {
			throw new EdgeUnavailableException(name, "circuit open, call not attempted", failure);
		}
		if (failure instanceof BulkheadFullException) {
			throw new EdgeUnavailableException(name, "bulkhead full, call not attempted", failure);
		}
		if (failure instanceof EdgeFailure refused && !refused.isTransient()) {
			throw new EdgeUnavailableException(name, "refused to serve: " + refused.getMessage(), refused.failure());
		}
		if (failure instanceof RuntimeException ex) {
			throw ex;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		// a Supplier throws no checked exception; one thrown sneakily is not ours to
		// classify
		throw new IllegalStateException(failure);
	}

	public String name() {
		return name;
	}

	/**
	 * How long one call may take (the edge's time limiter setting); the caller sets it on
	 * its client (HTTP read timeout, SMTP timeouts).
	 */
	public Duration timeout() {
		return timeout;
	}

	/**
	 * The Resilience4j circuit breaker behind this edge, as registered in the factory's
	 * registry.
	 */
	public CircuitBreaker circuitBreaker() {
		return circuitBreaker;
	}

	/** The retry around each call, as registered in the retry registry. */
	public Retry retry() {
		return retry;
	}

}
