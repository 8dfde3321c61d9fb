package io.orderflow.provider.simulator;

import java.time.Duration;
import java.util.List;

/**
 * The faults currently injected into the calls of the provider's API (charges, refunds
 * and their lookups), and its rate limit. Immutable; tests derive a setting from
 * {@link #NONE} with the withers:
 * {@code FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(500)}.
 *
 * @param latency how long the answer of every call that executes is delayed, after its
 * effect and while its idempotency key is still in flight; 0 to 60 s
 * @param errorRate the fraction of calls that get the injected answer, 0 to 1
 * @param errorStatus the status of the injected answer: one of {@link #ERROR_STATUSES},
 * each answered as the real thing would be
 * @param errorAfterEffect {@code false}: the error comes before the call executes
 * (nothing booked); {@code true}: the call executes (books), then the client gets the
 * error instead of the real answer. Only for {@link #AFTER_EFFECT_STATUSES}
 * @param nonJsonOk {@code true}: the injected answer is instead a {@code 200} with a
 * proxy's HTML error page, after the call executed; {@code errorStatus} is then ignored
 * @param rateLimitPerSecond API calls allowed per second before {@code 429}; 0 means no
 * limit
 */
public record FaultSettings(Duration latency, double errorRate, int errorStatus, boolean errorAfterEffect,
		boolean nonJsonOk, int rateLimitPerSecond) {

	public static final Duration MAX_LATENCY = Duration.ofSeconds(60);

	/** What a provider in trouble most often answers: unavailable, try again shortly. */
	public static final int DEFAULT_ERROR_STATUS = 503;

	/**
	 * The statuses the error rate can answer with, in the order the README lists them.
	 */
	public static final List<Integer> ERROR_STATUSES = List.of(401, 403, 404, 408, 429, 500, 502, 503, 504);

	/**
	 * The statuses that can also come after the effect: a provider that fails while or
	 * after executing (500), or a gateway that loses the answer on its way back (502,
	 * 503, 504). A 401, 403, 404, 408 or 429 is decided before anything runs.
	 */
	public static final List<Integer> AFTER_EFFECT_STATUSES = List.of(500, 502, 503, 504);

	public static final int MAX_RATE_LIMIT_PER_SECOND = 100_000;

	public static final FaultSettings NONE = new FaultSettings(Duration.ZERO, 0.0);

	/**
	 * A latency and an error rate; the other settings take their defaults (those of
	 * {@link #NONE}).
	 */
	public FaultSettings(Duration latency, double errorRate) {
		this(latency, errorRate, DEFAULT_ERROR_STATUS, false, false, 0);
	}

	/**
	 * The messages name the fields of {@code PUT /v1/admin/faults}, which reports them as
	 * they are.
	 * @throws IllegalArgumentException when a value is out of range or the combination is
	 * meaningless
	 */
	public FaultSettings {
		if (latency == null) {
			throw new IllegalArgumentException("'latencyMs' is required");
		}
		if (latency.isNegative() || latency.compareTo(MAX_LATENCY) > 0) {
			throw new IllegalArgumentException(
					"'latencyMs' must be between 0 and " + MAX_LATENCY.toMillis() + ", was " + inMillis(latency));
		}
		// written so that NaN fails too
		if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
			throw new IllegalArgumentException("'errorRate' must be between 0.0 and 1.0, was " + errorRate);
		}
		if (!ERROR_STATUSES.contains(errorStatus)) {
			throw new IllegalArgumentException(
					"'errorStatus' must be one of " + ERROR_STATUSES + ", was " + errorStatus);
		}
		if (errorAfterEffect && !AFTER_EFFECT_STATUSES.contains(errorStatus)) {
			throw new IllegalArgumentException("'errorAfterEffect' applies only to an errorStatus of "
					+ AFTER_EFFECT_STATUSES + ": a " + errorStatus + " is answered before anything runs");
		}
		if (rateLimitPerSecond < 0 || rateLimitPerSecond > MAX_RATE_LIMIT_PER_SECOND) {
			throw new IllegalArgumentException("'rateLimitPerSecond' must be between 0 (no limit) and "
					+ MAX_RATE_LIMIT_PER_SECOND + ", was " + rateLimitPerSecond);
		}
	}

	/**
	 * Milliseconds as {@code PUT /v1/admin/faults} takes them; a Duration too long for
	 * that as itself.
	 */
	private static String inMillis(Duration latency) {
		try {
			return String.valueOf(latency.toMillis());
		}
		catch (ArithmeticException ex) {
			return latency.toString();
		}
	}

	public FaultSettings withLatency(Duration newLatency) {
		return new FaultSettings(newLatency, errorRate, errorStatus, errorAfterEffect, nonJsonOk, rateLimitPerSecond);
	}

	public FaultSettings withErrorRate(double newErrorRate) {
		return new FaultSettings(latency, newErrorRate, errorStatus, errorAfterEffect, nonJsonOk, rateLimitPerSecond);
	}

	public FaultSettings withErrorStatus(int newErrorStatus) {
		return new FaultSettings(latency, errorRate, newErrorStatus, errorAfterEffect, nonJsonOk, rateLimitPerSecond);
	}

	public FaultSettings withErrorAfterEffect(boolean newErrorAfterEffect) {
		return new FaultSettings(latency, errorRate, errorStatus, newErrorAfterEffect, nonJsonOk, rateLimitPerSecond);
	}

	public FaultSettings withNonJsonOk(boolean newNonJsonOk) {
		return new FaultSettings(latency, errorRate, errorStatus, errorAfterEffect, newNonJsonOk, rateLimitPerSecond);
	}

	public FaultSettings withRateLimitPerSecond(int newRateLimitPerSecond) {
		return new FaultSettings(latency, errorRate, errorStatus, errorAfterEffect, nonJsonOk, newRateLimitPerSecond);
	}

}
