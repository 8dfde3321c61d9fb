package io.orderflow.messaging.metrics;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two gauges over one database reading: how many things wait (outbox rows, orders in flight) and how long the
 * oldest of them has waited, 0 when none waits. The age tells a stuck pipeline from a busy one.
 *
 * <p>One query at most once per refresh interval, however often the gauges are scraped; between queries the age
 * keeps growing from the last reading. While the database cannot be read the last reading stands (NaN before the
 * first one): a scrape never fails and never waits on more than one query per interval.
 */
public final class WaitingGauges implements MeterBinder {

	/** One reading: how many wait, and the age of the oldest when it was read. */
	public record Reading(long count, double oldestAgeSeconds) {
	}

	private static final Logger log = LoggerFactory.getLogger(WaitingGauges.class);

	private final String countName;

	private final String countDescription;

	private final String ageName;

	private final String ageDescription;

	private final Supplier<Reading> query;

	private final long refreshNanos;

	private Reading last;

	private long lastReadAt;

	private long lastAttemptAt;

	private boolean attempted;

	public WaitingGauges(String countName, String countDescription, String ageName, String ageDescription,
			Supplier<Reading> query, Duration refresh) {
		this.countName = countName;
		this.countDescription = countDescription;
		this.ageName = ageName;
		this.ageDescription = ageDescription;
		this.query = query;
		this.refreshNanos = refresh.toNanos();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder(countName, this, WaitingGauges::count)
			.description(countDescription)
			.strongReference(true)
			.register(registry);
		Gauge.builder(ageName, this, WaitingGauges::oldestAgeSeconds)
			.description(ageDescription)
			.baseUnit("seconds")
			.strongReference(true)
			.register(registry);
	}

	synchronized double count() {
		refreshIfDue();
		return last == null ? Double.NaN : last.count();
	}

	synchronized double oldestAgeSeconds() {
		refreshIfDue();
		if (last == null) {
			return Double.NaN;
		}
		if (last.count() == 0) {
			return 0;
		}
		return last.oldestAgeSeconds() + (System.nanoTime() - lastReadAt) / 1e9;
	}

	private void refreshIfDue() {
		long now = System.nanoTime();
		if (attempted && now - lastAttemptAt < refreshNanos) {
			return;
		}
		attempted = true;
		lastAttemptAt = now;
		try {
			last = query.get();
			lastReadAt = now;
		}
		catch (RuntimeException ex) {
			log.debug("Could not read {}, keeping the last reading: {}", countName, ex.toString());
		}
	}

}
