package io.orderflow.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Builds the {@link ResilientEdge} of each downstream from {@link ResilienceProperties}, once per name, with its
 * circuit breaker, retry and bulkhead visible as metrics ({@code resilience4j_circuitbreaker_state{name=...}} and
 * friends in {@code /actuator/prometheus}).
 */
public class ResilientEdges {

	/**
	 * The longest {@code Retry-After} a retry waits inside one call. A consumer thread is held meanwhile; a
	 * downstream that asks for longer gets this much here, and the record's own back-off (the consumer's pause while
	 * the circuit is open or the dependency is down) does the rest.
	 */
	public static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(5);

	private final ResilienceProperties properties;

	private final CircuitBreakerRegistry circuitBreakers = CircuitBreakerRegistry.ofDefaults();

	private final RetryRegistry retries = RetryRegistry.ofDefaults();

	private final BulkheadRegistry bulkheads = BulkheadRegistry.ofDefaults();

	private final Map<String, ResilientEdge> edges = new ConcurrentHashMap<>();

	public ResilientEdges(ResilienceProperties properties, MeterRegistry meters) {
		this.properties = properties;
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers).bindTo(meters);
		TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
		TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(meters);
	}

	/**
	 * The edge to a downstream.
	 * @param transientFailure the exception the caller throws for a failure worth retrying and counting against the
	 * circuit (network, timeout, 5xx); a business answer such as a declined card must not be one
	 */
	public ResilientEdge edge(String name, Class<? extends Throwable> transientFailure) {
		return edge(name, transientFailure, NoOutage.class);
	}

	/**
	 * The edge to a downstream that can also tell it will not serve us at all for now (a refused API key, a wrong base
	 * URL): such an outage counts against the circuit like a transient failure, so a misconfiguration opens it and
	 * pauses the consumers bound to it, but it is not retried within the call, since an immediate repeat cannot
	 * succeed.
	 * @param outage the exception the caller throws for such an answer
	 */
	public ResilientEdge edge(String name, Class<? extends Throwable> transientFailure,
			Class<? extends Throwable> outage) {
		return edges.computeIfAbsent(name, key -> create(properties.edge(key), transientFailure, outage));
	}

	/**
	 * The edge a client already built under this name, for wiring that reacts to it (such as pausing a consumer
	 * while its circuit is open).
	 * @throws IllegalStateException when no client built it
	 */
	public ResilientEdge named(String name) {
		ResilientEdge edge = edges.get(name);
		if (edge == null) {
			throw new IllegalStateException("No resilient edge '" + name + "' was built; known: " + edges.keySet());
		}
		return edge;
	}

	private ResilientEdge create(EdgeSettings settings, Class<? extends Throwable> transientFailure,
			Class<? extends Throwable> outage) {
		EdgeSettings.CircuitBreaker breaker = settings.circuitBreaker();
		EdgeSettings.Retry retry = settings.retry();
		EdgeSettings.Bulkhead bulkhead = settings.bulkhead();
		return new ResilientEdge(settings,
				circuitBreakers.circuitBreaker(settings.name(), CircuitBreakerConfig.custom()
					.failureRateThreshold(breaker.failureRateThreshold())
					.slidingWindowSize(breaker.slidingWindowSize())
					.minimumNumberOfCalls(breaker.minimumCalls())
					.waitDurationInOpenState(breaker.waitInOpenState())
					.permittedNumberOfCallsInHalfOpenState(breaker.halfOpenCalls())
					.automaticTransitionFromOpenToHalfOpenEnabled(true)
					.recordExceptions(transientFailure, outage)
					.build()),
				retries.retry(settings.name(), RetryConfig.custom()
					.maxAttempts(retry.maxAttempts())
					.intervalBiFunction(honouringRetryAfter(
							IntervalFunction.ofExponentialRandomBackoff(retry.initialBackoff(), 2.0, retry.jitter())))
					.retryExceptions(transientFailure)
					.ignoreExceptions(CallNotPermittedException.class, outage)
					.build()),
				bulkheads.bulkhead(settings.name(), BulkheadConfig.custom()
					.maxConcurrentCalls(bulkhead.maxConcurrentCalls())
					.maxWaitDuration(bulkhead.maxWait())
					.build()),
				transientFailure, outage);
	}

	/** The jittered exponential back-off, or the downstream's {@code Retry-After} when that is longer. */
	static IntervalBiFunction<Object> honouringRetryAfter(IntervalFunction backoff) {
		return (attempt, result) -> {
			long millis = backoff.apply(attempt);
			if (result.isLeft() && result.getLeft() instanceof RetryAfter hint) {
				long asked = hint.retryAfter()
					.map(wait -> Math.min(wait.toMillis(), LONGEST_RETRY_AFTER.toMillis()))
					.orElse(0L);
				millis = Math.max(millis, asked);
			}
			return millis;
		};
	}

	/** The outage of an edge whose downstream has none to tell: never thrown. */
	private static final class NoOutage extends RuntimeException {

		private NoOutage() {
		}

	}

}
