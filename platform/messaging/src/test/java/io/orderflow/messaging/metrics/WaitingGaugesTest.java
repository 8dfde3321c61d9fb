package io.orderflow.messaging.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit: the waiting gauges (outbox backlog, orders in flight) read the database sparingly
 * and survive a database they cannot read.
 */
class WaitingGaugesTest {

	private static final String COUNT = "test.waiting";

	private static final String OLDEST_AGE = "test.waiting.oldest.age";

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void gaugesShowHowManyWaitAndTheAgeOfTheOldest() {
		bind(() -> new WaitingGauges.Reading(3, 42.0), Duration.ZERO);

		assertThat(count()).isEqualTo(3);
		assertThat(oldestAge()).isBetween(42.0, 43.0);
	}

	@Test
	void nothingWaitingHasNoAge() {
		bind(() -> new WaitingGauges.Reading(0, 0), Duration.ZERO);

		assertThat(count()).isZero();
		assertThat(oldestAge()).isZero();
	}

	@Test
	void scrapesWithinTheRefreshIntervalShareOneQuery() {
		AtomicInteger queries = new AtomicInteger();
		bind(() -> new WaitingGauges.Reading(queries.incrementAndGet(), 1.0), Duration.ofHours(1));

		for (int i = 0; i < 10; i++) {
			count();
			oldestAge();
		}

		assertThat(queries).hasValue(1);
		assertThat(count()).isEqualTo(1);
	}

	@Test
	void beforeAnyReadingSucceededTheGaugesAreUnknownNotAnError() {
		bind(() -> {
			throw new DataAccessResourceFailureException("database down");
		}, Duration.ZERO);

		assertThat(count()).isNaN();
		assertThat(oldestAge()).isNaN();
	}

	@Test
	void whileTheDatabaseCannotBeReadTheLastReadingStandsAndItsAgeGrows() {
		AtomicInteger queries = new AtomicInteger();
		bind(() -> {
			if (queries.incrementAndGet() > 1) {
				throw new DataAccessResourceFailureException("database down");
			}
			return new WaitingGauges.Reading(2, 10.0);
		}, Duration.ZERO);
		assertThat(count()).isEqualTo(2);

		double ageWhileDown = oldestAge();

		assertThat(queries.get()).isGreaterThan(1);
		assertThat(count()).isEqualTo(2);
		assertThat(ageWhileDown).isGreaterThanOrEqualTo(10.0);
		assertThat(oldestAge()).isGreaterThanOrEqualTo(ageWhileDown);
	}

	private void bind(Supplier<WaitingGauges.Reading> query, Duration refresh) {
		new WaitingGauges(COUNT, "waiting", OLDEST_AGE, "age of the oldest", query, refresh).bindTo(registry);
	}

	private double count() {
		return registry.get(COUNT).gauge().value();
	}

	private double oldestAge() {
		return registry.get(OLDEST_AGE).gauge().value();
	}

}
