package io.orderflow.messaging.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderflow.messaging.metrics.WaitingGauges;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;

/** Unit: the outbox gauges read the backlog sparingly and survive a database they cannot read. */
class OutboxMetricsTest {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	@Test
	void gaugesShowTheBacklogAndTheAgeOfItsOldestRow() {
		bind(() -> new WaitingGauges.Reading(3, 42.0), Duration.ZERO);

		assertThat(backlog()).isEqualTo(3);
		assertThat(oldestAge()).isBetween(42.0, 43.0);
	}

	@Test
	void anEmptyOutboxHasNoAge() {
		bind(() -> new WaitingGauges.Reading(0, 0), Duration.ZERO);

		assertThat(backlog()).isZero();
		assertThat(oldestAge()).isZero();
	}

	@Test
	void scrapesWithinTheRefreshIntervalShareOneQuery() {
		AtomicInteger queries = new AtomicInteger();
		bind(() -> new WaitingGauges.Reading(queries.incrementAndGet(), 1.0), Duration.ofHours(1));

		for (int i = 0; i < 10; i++) {
			backlog();
			oldestAge();
		}

		assertThat(queries).hasValue(1);
		assertThat(backlog()).isEqualTo(1);
	}

	@Test
	void beforeAnyReadingSucceededTheGaugesAreUnknownNotAnError() {
		bind(() -> {
			throw new DataAccessResourceFailureException("database down");
		}, Duration.ZERO);

		assertThat(backlog()).isNaN();
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
		assertThat(backlog()).isEqualTo(2);

		double ageWhileDown = oldestAge();

		assertThat(queries.get()).isGreaterThan(1);
		assertThat(backlog()).isEqualTo(2);
		assertThat(ageWhileDown).isGreaterThanOrEqualTo(10.0);
		assertThat(oldestAge()).isGreaterThanOrEqualTo(ageWhileDown);
	}

	private void bind(Supplier<WaitingGauges.Reading> query, Duration refresh) {
		new OutboxMetrics(query, refresh).bindTo(registry);
	}

	private double backlog() {
		return registry.get(OutboxMetrics.BACKLOG).gauge().value();
	}

	private double oldestAge() {
		return registry.get(OutboxMetrics.OLDEST_AGE).gauge().value();
	}

}
