package io.orderflow.provider.simulator;

import io.orderflow.probes.http.HttpProblem;

/**
 * Limits the calls of the provider's API, all endpoints together, to a number per second,
 * as Stripe's rate limiter does. A token bucket: it holds one second's worth of calls and
 * refills continuously at the rate, so a burst gets at most that many calls through and
 * the long-run rate is the limit. A call that finds the bucket empty gets {@code 429}
 * with {@code Retry-After: 1}: at any rate of at least one per second a token is back
 * within that second.
 *
 * <p>
 * Hand-written rather than taken from Resilience4j or Bucket4j: it is a dozen lines, its
 * rate changes at runtime with the fault settings, and the simulator, embedded in every
 * module's tests, keeps Jackson as its only dependency (ADR 0007).
 */
final class RateLimiter {

	private int rate;

	private double tokens;

	private long refilledAt;

	/**
	 * @param ratePerSecond the current limit; 0 means none. A changed limit starts with a
	 * full bucket.
	 * @throws HttpProblem {@code 429} when the limit is reached
	 */
	void acquire(int ratePerSecond) {
		if (!tryAcquire(ratePerSecond)) {
			throw refusal(
					"Too many requests: at most " + ratePerSecond + " API calls per second; retry after 1 second");
		}
	}

	/**
	 * The tiny critical section never blocks, so a lock held by a virtual thread costs
	 * nothing.
	 */
	private synchronized boolean tryAcquire(int ratePerSecond) {
		if (ratePerSecond == 0) {
			rate = 0;
			return true;
		}
		long now = System.nanoTime();
		if (ratePerSecond != rate) {
			rate = ratePerSecond;
			tokens = ratePerSecond;
		}
		else {
			tokens = Math.min(rate, tokens + (now - refilledAt) * (rate / 1e9));
		}
		refilledAt = now;
		if (tokens < 1) {
			return false;
		}
		tokens -= 1;
		return true;
	}

	synchronized void reset() {
		rate = 0;
	}

	/** The answer of the rate limiter; also what an injected {@code 429} looks like. */
	static HttpProblem refusal(String detail) {
		return new HttpProblem(429, "rate-limited", "Too many requests", detail).withCode("rate_limit")
			.withHeader("Retry-After", "1");
	}

}
