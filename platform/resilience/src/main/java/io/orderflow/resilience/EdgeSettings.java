package io.orderflow.resilience;

import java.time.Duration;

/** The effective resilience settings of one downstream: defaults merged with its overrides. */
public record EdgeSettings(String name, Duration timeout, Retry retry, CircuitBreaker circuitBreaker,
		Bulkhead bulkhead) {

	public record Retry(int maxAttempts, Duration initialBackoff, double jitter) {
	}

	public record CircuitBreaker(int failureRateThreshold, int slidingWindowSize, int minimumCalls,
			Duration waitInOpenState, int halfOpenCalls) {
	}

	public record Bulkhead(int maxConcurrentCalls, Duration maxWait) {
	}

}
