package io.orderflow.resilience;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.Either;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit test of one edge: which failures are retried, which open the circuit, and how long
 * a retry waits.
 */
class ResilientEdgeTest {

	private final ResilientEdge edge = edges().edge("provider", Transient.class, Refused.class);

	@Test
	void aTransientFailureIsRetriedUpToTheAttemptsThenReportedAsUnavailable() {
		AtomicInteger calls = new AtomicInteger();

		assertThatThrownBy(() -> edge.call(() -> {
			calls.incrementAndGet();
			throw new Transient(null);
		})).isInstanceOf(EdgeUnavailableException.class).hasMessageContaining("after 3 attempt(s)");

		assertThat(calls).hasValue(3);
	}

	@Test
	void anOutageIsNotRetriedButOpensTheCircuitLikeTransientFailures() {
		AtomicInteger calls = new AtomicInteger();

		for (int i = 0; i < 4; i++) {
			assertThatThrownBy(() -> edge.call(() -> {
				calls.incrementAndGet();
				throw new Refused();
			})).isInstanceOf(EdgeUnavailableException.class).hasMessageContaining("refused to serve");
		}

		assertThat(calls).as("one call per attempt: an immediate repeat cannot succeed").hasValue(4);
		assertThat(edge.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
	}

	@Test
	void aRetryWaitsAtLeastWhatTheDownstreamAskedForAndAtMostTheLongestRetryAfter() {
		var interval = ResilientEdges.honouringRetryAfter(attempt -> 100L);

		assertThat(interval.apply(1, Either.left(new Transient(null)))).as("no hint: the back-off").isEqualTo(100L);
		assertThat(interval.apply(1, Either.left(new Transient(Duration.ofMillis(50))))).as("a shorter hint")
			.isEqualTo(100L);
		assertThat(interval.apply(1, Either.left(new Transient(Duration.ofSeconds(2))))).as("a longer hint")
			.isEqualTo(2000L);
		assertThat(interval.apply(1, Either.left(new Transient(Duration.ofHours(1))))).as("capped")
			.isEqualTo(ResilientEdges.LONGEST_RETRY_AFTER.toMillis());
	}

	private static ResilientEdges edges() {
		return TestEdges.judgingEveryFourCalls(3);
	}

	private static final class Transient extends RuntimeException implements RetryAfter {

		private final Duration retryAfter;

		Transient(Duration retryAfter) {
			super("busy");
			this.retryAfter = retryAfter;
		}

		@Override
		public Optional<Duration> retryAfter() {
			return Optional.ofNullable(retryAfter);
		}

	}

	private static final class Refused extends RuntimeException {

		Refused() {
			super("401 api key refused");
		}

	}

}
