package io.orderflow.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * One resilience default for every synchronous edge ({@code orderflow.resilience.defaults}), overridable per
 * downstream ({@code orderflow.resilience.edges.<name>.*}, only the values that differ):
 *
 * <pre>
 * orderflow.resilience:
 *   defaults: { timeout: 3s, retry: { max-attempts: 3 }, circuit-breaker: { wait-in-open-state: 10s } }
 *   edges:
 *     mail-server: { retry: { max-attempts: 1 } }   # sending mail is not idempotent: no retry
 * </pre>
 */
@Validated
@ConfigurationProperties("orderflow.resilience")
public record ResilienceProperties(@Valid @NotNull @DefaultValue Defaults defaults, Map<String, Edge> edges) {

	/** The settings of one downstream: its overrides, the defaults for everything it does not override. */
	public EdgeSettings edge(String name) {
		Edge edge = Optional.ofNullable(edges).map(all -> all.get(name)).orElse(Edge.NONE);
		Edge.Retry retry = Optional.ofNullable(edge.retry()).orElse(Edge.Retry.NONE);
		Edge.CircuitBreaker breaker = Optional.ofNullable(edge.circuitBreaker()).orElse(Edge.CircuitBreaker.NONE);
		Edge.Bulkhead bulkhead = Optional.ofNullable(edge.bulkhead()).orElse(Edge.Bulkhead.NONE);
		Defaults d = defaults;
		return new EdgeSettings(name, or(edge.timeout(), d.timeout()),
				new EdgeSettings.Retry(or(retry.maxAttempts(), d.retry().maxAttempts()),
						or(retry.initialBackoff(), d.retry().initialBackoff()), or(retry.jitter(), d.retry().jitter())),
				new EdgeSettings.CircuitBreaker(
						or(breaker.failureRateThreshold(), d.circuitBreaker().failureRateThreshold()),
						or(breaker.slidingWindowSize(), d.circuitBreaker().slidingWindowSize()),
						or(breaker.minimumCalls(), d.circuitBreaker().minimumCalls()),
						or(breaker.waitInOpenState(), d.circuitBreaker().waitInOpenState()),
						or(breaker.halfOpenCalls(), d.circuitBreaker().halfOpenCalls())),
				new EdgeSettings.Bulkhead(or(bulkhead.maxConcurrentCalls(), d.bulkhead().maxConcurrentCalls()),
						or(bulkhead.maxWait(), d.bulkhead().maxWait())));
	}

	private static <T> T or(T override, T fallback) {
		return override != null ? override : fallback;
	}

	/** The defaults, complete. */
	public record Defaults(@NotNull @DefaultValue("3s") Duration timeout, @Valid @DefaultValue Retry retry,
			@Valid @DefaultValue CircuitBreaker circuitBreaker, @Valid @DefaultValue Bulkhead bulkhead) {

		/** @param jitter randomisation factor of the exponential backoff, so many clients do not retry in step */
		public record Retry(@DefaultValue("3") Integer maxAttempts, @DefaultValue("200ms") Duration initialBackoff,
				@DefaultValue("0.5") Double jitter) {
		}

		/** @param failureRateThreshold percentage of failed calls in the window that opens the circuit */
		public record CircuitBreaker(@DefaultValue("50") Integer failureRateThreshold,
				@DefaultValue("20") Integer slidingWindowSize, @DefaultValue("10") Integer minimumCalls,
				@DefaultValue("10s") Duration waitInOpenState, @DefaultValue("3") Integer halfOpenCalls) {
		}

		/** @param maxWait how long a call may wait for a free slot before it is refused */
		public record Bulkhead(@DefaultValue("10") Integer maxConcurrentCalls, @DefaultValue("0ms") Duration maxWait) {
		}

	}

	/** The overrides of one downstream; every value may be left out. */
	public record Edge(Duration timeout, Retry retry, CircuitBreaker circuitBreaker, Bulkhead bulkhead) {

		static final Edge NONE = new Edge(null, null, null, null);

		public record Retry(Integer maxAttempts, Duration initialBackoff, Double jitter) {

			static final Retry NONE = new Retry(null, null, null);

		}

		public record CircuitBreaker(Integer failureRateThreshold, Integer slidingWindowSize, Integer minimumCalls,
				Duration waitInOpenState, Integer halfOpenCalls) {

			static final CircuitBreaker NONE = new CircuitBreaker(null, null, null, null, null);

		}

		public record Bulkhead(Integer maxConcurrentCalls, Duration maxWait) {

			static final Bulkhead NONE = new Bulkhead(null, null);

		}

	}

}
