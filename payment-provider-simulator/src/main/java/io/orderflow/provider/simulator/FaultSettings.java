package io.orderflow.provider.simulator;

import java.time.Duration;

/**
 * The faults currently injected into charge and refund requests.
 *
 * @param latency how long every charge and refund answer is delayed, 0 to 60 s
 * @param errorRate the fraction of charge and refund requests answered {@code 503}, 0 to 1
 */
public record FaultSettings(Duration latency, double errorRate) {

	public static final Duration MAX_LATENCY = Duration.ofSeconds(60);

	public static final FaultSettings NONE = new FaultSettings(Duration.ZERO, 0.0);

	public FaultSettings {
		if (latency == null || latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0) {
			throw new IllegalArgumentException(
					"latency must be between 0 and " + MAX_LATENCY.toMillis() + " ms, was " + latency);
		}
		// written so that NaN fails too
		if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
			throw new IllegalArgumentException("errorRate must be between 0.0 and 1.0, was " + errorRate);
		}
	}

}
