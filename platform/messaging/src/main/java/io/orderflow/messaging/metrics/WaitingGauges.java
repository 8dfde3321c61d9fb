package io.orderflow.messaging.metrics;

import java.time.Duration;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Two gauges over one database reading: how many things wait (outbox rows, orders in
 * flight) and how long the oldest of them has waited, 0 when none waits. The age tells a
 * stuck pipeline from a busy one.
 *
 * <p>
 * One query at most once per refresh interval, however often the gauges are scraped, run
 * in the background ({@link BackgroundReading}): a scrape waits for it at most
 * {@link BackgroundReading#DEFAULT_MAX_WAIT}, never for a database that does not answer.
 * Between queries the age keeps growing from the last reading. While the database cannot
 * be read the last reading stands (NaN before the first one): a scrape never fails.
 */
public final class WaitingGauges implements MeterBinder {

	/** One reading: how many wait, and the age of the oldest when it was read. */
	public record Reading(long count, double oldestAgeSeconds) {
	}

	private final String countName;

	private final String countDescription;

	private final String ageName;

	private final String ageDescription;

	private final BackgroundReading<Reading> reading;

	public WaitingGauges(String countName, String countDescription, String ageName, String ageDescription,
			Supplier<Reading> query, Duration refresh) {
		this.countName = countName;
		this.countDescription = countDescription;
		this.ageName = ageName;
		this.ageDescription = ageDescription;
		this.reading = new BackgroundReading<>(countName, query, refresh);
	}

	/**
	 * Registers the gauges and starts the first reading, so that the first scrape finds
	 * it done.
	 */
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
		reading.current();
	}

	double count() {
		BackgroundReading.Value<Reading> last = reading.current();
		return last == null ? Double.NaN : last.value().count();
	}

	double oldestAgeSeconds() {
		BackgroundReading.Value<Reading> last = reading.current();
		if (last == null) {
			return Double.NaN;
		}
		if (last.value().count() == 0) {
			return 0;
		}
		return last.value().oldestAgeSeconds() + last.ageSeconds();
	}

}
