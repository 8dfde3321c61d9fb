package io.orderflow.provider.simulator;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the provider slow or unavailable at runtime, so that callers can prove their timeouts,
 * circuit breakers and retries against real network behaviour.
 */
public final class FaultInjector {

	private volatile FaultSettings settings = FaultSettings.NONE;

	/**
	 * @param latency delay of every charge and refund answer, 0 to 60 s
	 * @param errorRate fraction of charge and refund requests answered {@code 503}, 0 to 1
	 * @throws IllegalArgumentException when a value is out of range
	 */
	public void set(Duration latency, double errorRate) {
		settings = new FaultSettings(latency, errorRate);
	}

	public FaultSettings settings() {
		return settings;
	}

	public void reset() {
		settings = FaultSettings.NONE;
	}

	/**
	 * Wraps a charge or refund endpoint. The injected {@code 503} comes before the endpoint runs, so
	 * it books nothing and consumes no idempotency key: a retry can succeed. The latency comes after
	 * the endpoint ran, so a slow answer is one whose effect already happened, which is exactly the
	 * case idempotency keys exist for (the caller times out, retries, and must not charge twice).
	 */
	Endpoint around(Endpoint endpoint, RequestStats stats) {
		return request -> {
			try {
				if (injectError()) {
					stats.errorInjected();
					throw new ApiException(503, "provider-unavailable", "Provider unavailable",
							"Injected fault: the payment provider is temporarily unavailable; nothing was booked")
						.withHeader("Retry-After", "1");
				}
				return endpoint.handle(request);
			}
			finally {
				delay();
			}
		};
	}

	private boolean injectError() {
		double errorRate = settings.errorRate();
		// nextDouble() is in [0, 1): a rate of 0 never fails, a rate of 1 always fails
		return errorRate > 0 && ThreadLocalRandom.current().nextDouble() < errorRate;
	}

	private void delay() {
		Duration latency = settings.latency();
		if (latency.isZero()) {
			return;
		}
		try {
			// requests run on virtual threads, so a sleeping request costs no platform thread
			Thread.sleep(latency);
		}
		catch (InterruptedException ex) {
			// the server is stopping: answer now
			Thread.currentThread().interrupt();
		}
	}

}
