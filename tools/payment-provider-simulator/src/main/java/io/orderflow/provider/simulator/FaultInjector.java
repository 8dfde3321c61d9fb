package io.orderflow.provider.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Makes the provider slow, unavailable, unfriendly or unreadable at runtime, so that
 * callers can prove their timeouts, circuit breakers, retries and answer classification
 * against real network behaviour. Which fault a call meets is drawn once per call
 * ({@link #draw()}); where it strikes is {@link InjectedFault}'s business.
 */
public final class FaultInjector {

	private final RequestStats stats;

	private volatile FaultSettings settings = FaultSettings.NONE;

	FaultInjector(RequestStats stats) {
		this.stats = stats;
	}

	/**
	 * Replaces the whole setting with this latency and error rate; the others take their
	 * defaults.
	 * @param latency delay of every answer of a call that executes, 0 to 60 s
	 * @param errorRate fraction of calls answered {@code 503} before anything is booked,
	 * 0 to 1
	 * @throws IllegalArgumentException when a value is out of range
	 */
	public void set(Duration latency, double errorRate) {
		set(new FaultSettings(latency, errorRate));
	}

	/**
	 * Replaces the whole setting, e.g.
	 * {@code set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(500))}.
	 */
	public void set(FaultSettings newSettings) {
		settings = Objects.requireNonNull(newSettings, "settings");
	}

	public FaultSettings settings() {
		return settings;
	}

	public void reset() {
		settings = FaultSettings.NONE;
	}

	/**
	 * The fault of one call, decided now, from one consistent reading of the settings.
	 */
	InjectedFault draw() {
		FaultSettings current = settings;
		// nextDouble() is in [0, 1): a rate of 0 never strikes, a rate of 1 always does
		boolean strikes = current.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < current.errorRate();
		return new InjectedFault(current, strikes, stats);
	}

}
