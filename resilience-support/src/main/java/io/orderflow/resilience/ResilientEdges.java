package io.orderflow.resilience;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
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
		return edges.computeIfAbsent(name, key -> create(properties.edge(key), transientFailure));
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

	private ResilientEdge create(EdgeSettings settings, Class<? extends Throwable> transientFailure) {
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
					.recordExceptions(transientFailure)
					.build()),
				retries.retry(settings.name(), RetryConfig.custom()
					.maxAttempts(retry.maxAttempts())
					.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(retry.initialBackoff(), 2.0, retry.jitter()))
					.retryExceptions(transientFailure)
					.ignoreExceptions(CallNotPermittedException.class)
					.build()),
				bulkheads.bulkhead(settings.name(), BulkheadConfig.custom()
					.maxConcurrentCalls(bulkhead.maxConcurrentCalls())
					.maxWaitDuration(bulkhead.maxWait())
					.build()),
				transientFailure);
	}

}
