package io.orderflow.order.orders.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderflow.messaging.metrics.WaitingGauges;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/** Unit: the in-flight gauges read the database sparingly and survive a database they cannot read. */
class InFlightOrderMetricsTest {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void gaugesShowTheOrdersInFlightAndTheAgeOfTheOldest() {
		bind(() -> new WaitingGauges.Reading(4, 90.0), Duration.ZERO);

		assertThat(inFlight()).isEqualTo(4);
		assertThat(oldestAge()).isBetween(90.0, 91.0);
	}

	@Test
	void withNothingInFlightThereIsNoAge() {
		bind(() -> new WaitingGauges.Reading(0, 0), Duration.ZERO);

		assertThat(inFlight()).isZero();
		assertThat(oldestAge()).isZero();
	}

	@Test
	void scrapesWithinTheRefreshIntervalShareOneQuery() {
		AtomicInteger queries = new AtomicInteger();
		bind(() -> new WaitingGauges.Reading(queries.incrementAndGet(), 1.0), Duration.ofHours(1));

		for (int i = 0; i < 10; i++) {
			inFlight();
			oldestAge();
		}

		assertThat(queries).hasValue(1);
	}

	@Test
	void whileTheDatabaseCannotBeReadTheLastReadingStandsAndNaNBeforeAny() {
		AtomicInteger queries = new AtomicInteger();
		bind(() -> {
			if (queries.incrementAndGet() != 2) {
				throw new DataAccessResourceFailureException("database down");
			}
			return new WaitingGauges.Reading(1, 30.0);
		}, Duration.ZERO);

		assertThat(inFlight()).isNaN();
		assertThat(oldestAge()).isGreaterThanOrEqualTo(30.0);
		assertThat(inFlight()).isEqualTo(1);
		assertThat(queries.get()).isGreaterThan(2);
	}

	private void bind(Supplier<WaitingGauges.Reading> query, Duration refresh) {
		new InFlightOrderMetrics(query, refresh).bindTo(registry);
	}

	private double inFlight() {
		return registry.get(InFlightOrderMetrics.IN_FLIGHT).gauge().value();
	}

	private double oldestAge() {
		return registry.get(InFlightOrderMetrics.OLDEST_AGE).gauge().value();
	}

}
