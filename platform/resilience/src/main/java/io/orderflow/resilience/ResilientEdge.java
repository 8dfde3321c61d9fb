package io.orderflow.resilience;

import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;

/**
 * One synchronous edge to a downstream, named after it: a bulkhead bounds concurrent calls, a circuit breaker stops
 * calling a downstream that keeps failing, and a retry with jittered exponential backoff repeats a failed call
 * (only where the call is idempotent: with one attempt configured there is no retry). The call's own timeout is
 * the caller's to apply ({@link #timeout()}), on its HTTP or SMTP client.
 */
public final class ResilientEdge {

	private final EdgeSettings settings;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	private final Bulkhead bulkhead;

	private final Class<? extends Throwable> transientFailure;

	private final Class<? extends Throwable> outage;

	ResilientEdge(EdgeSettings settings, CircuitBreaker circuitBreaker, Retry retry, Bulkhead bulkhead,
			Class<? extends Throwable> transientFailure, Class<? extends Throwable> outage) {
		this.settings = settings;
		this.circuitBreaker = circuitBreaker;
		this.retry = retry;
		this.bulkhead = bulkhead;
		this.transientFailure = transientFailure;
		this.outage = outage;
	}

	/**
	 * Calls the downstream through bulkhead, circuit breaker and retry.
	 * @throws EdgeUnavailableException when the circuit is open, the bulkhead is full, the downstream refuses to
	 * serve us (an outage: not retried), or the call still failed transiently after its retries; any other exception
	 * of the call passes through unchanged
	 */
	public <T> T call(Supplier<T> call) {
		Supplier<T> guarded = Retry.decorateSupplier(retry,
				CircuitBreaker.decorateSupplier(circuitBreaker, Bulkhead.decorateSupplier(bulkhead, call)));
		try {
			return guarded.get();
		}
		catch (CallNotPermittedException ex) {
			throw new EdgeUnavailableException(name(), "circuit open, call not attempted", ex);
		}
		catch (BulkheadFullException ex) {
			throw new EdgeUnavailableException(name(), "bulkhead full, call not attempted", ex);
		}
		catch (RuntimeException ex) {
			if (outage.isInstance(ex)) {
				throw new EdgeUnavailableException(name(), "refused to serve: " + ex.getMessage(), ex);
			}
			if (transientFailure.isInstance(ex)) {
				throw new EdgeUnavailableException(name(),
						"failed after " + settings.retry().maxAttempts() + " attempt(s): " + ex.getMessage(), ex);
			}
			throw ex;
		}
	}

	public String name() {
		return settings.name();
	}

	/** How long one call may take; the caller sets it on its client (HTTP read timeout, SMTP timeouts). */
	public Duration timeout() {
		return settings.timeout();
	}

	public CircuitBreaker circuitBreaker() {
		return circuitBreaker;
	}

	public EdgeSettings settings() {
		return settings;
	}

}
