package io.orderflow.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.Registry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;

import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;

/**
 * Builds the {@link ResilientEdge} of each downstream, once per name, through Spring
 * Cloud CircuitBreaker's Resilience4j factory. Every number comes from configuration: the
 * defaults every edge shares ({@code resilience4j.*.configs.default}, declared once in
 * this module's {@code edge-defaults.properties}) and what a service overrides for one
 * downstream ({@code resilience4j.*.instances.<name>}). What is code stays here: which
 * failures the breaker records and the retry repeats (the caller's classification), and a
 * retry that honours the downstream's {@code Retry-After}.
 *
 * <p>
 * The breaker, its bulkhead and the retry are registered in Resilience4j's registries
 * under the edge's name, so they are visible as metrics
 * ({@code resilience4j_circuitbreaker_state{name=...}} and friends in
 * {@code /actuator/prometheus}).
 */
public class ResilientEdges {

	/**
	 * The longest {@code Retry-After} a retry waits inside one call. A consumer thread is
	 * held meanwhile; a downstream that asks for longer gets this much here, and the
	 * record's own back-off (the consumer's pause while the circuit is open or the
	 * dependency is down) does the rest.
	 */
	public static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(5);

	private final Resilience4JCircuitBreakerFactory factory;

	private final RetryRegistry retries;

	private final Map<String, ResilientEdge> edges = new ConcurrentHashMap<>();

	public ResilientEdges(Resilience4JCircuitBreakerFactory factory, RetryRegistry retries) {
		this.factory = factory;
		this.retries = retries;
	}

	/**
	 * The edge to a downstream.
	 * @param transientFailure the exception the caller throws for a failure worth
	 * retrying and counting against the circuit (network, timeout, 5xx); a business
	 * answer such as a declined card must not be one
	 */
	public ResilientEdge edge(String name, Class<? extends Throwable> transientFailure) {
		return edge(name, transientFailure, NoOutage.class);
	}

	/**
	 * The edge to a downstream that can also tell it will not serve us at all for now (a
	 * refused API key, a wrong base URL): such an outage counts against the circuit like
	 * a transient failure, so a misconfiguration opens it and pauses the consumers bound
	 * to it, but it is not retried within the call, since an immediate repeat cannot
	 * succeed.
	 * @param outage the exception the caller throws for such an answer
	 */
	public ResilientEdge edge(String name, Class<? extends Throwable> transientFailure,
			Class<? extends Throwable> outage) {
		return edges.computeIfAbsent(name, key -> create(key, transientFailure, outage));
	}

	/**
	 * The edge a client already built under this name, for wiring that reacts to it (such
	 * as pausing a consumer while its circuit is open).
	 * @throws IllegalStateException when no client built it
	 */
	public ResilientEdge named(String name) {
		ResilientEdge edge = edges.get(name);
		if (edge == null) {
			throw new IllegalStateException("No resilient edge '" + name + "' was built; known: " + edges.keySet());
		}
		return edge;
	}

	private ResilientEdge create(String name, Class<? extends Throwable> transientFailure,
			Class<? extends Throwable> outage) {
		CircuitBreakerRegistry breakers = factory.getCircuitBreakerRegistry();
		CircuitBreaker circuitBreaker = registered(breakers, name,
				CircuitBreakerConfig.from(configured(breakers, name, CircuitBreaker::getCircuitBreakerConfig))
					.recordException(EdgeFailure.class::isInstance)
					.build(),
				breakers::circuitBreaker);
		RetryConfig retryConfig = configured(retries, name, Retry::getRetryConfig);
		Retry retry = registered(retries, name, RetryConfig.<Object>from(retryConfig)
			.retryOnException(failure -> failure instanceof EdgeFailure edgeFailure && edgeFailure.isTransient())
			.intervalBiFunction(honouringRetryAfter(retryConfig.getIntervalBiFunction()))
			.build(), retries::retry);
		Duration timeout = configured(factory.getTimeLimiterRegistry(), name, TimeLimiter::getTimeLimiterConfig)
			.getTimeoutDuration();
		return new ResilientEdge(name, factory.create(name), circuitBreaker, retry, timeout, transientFailure, outage);
	}

	/**
	 * What configuration says for this name, resolved as Spring Cloud CircuitBreaker
	 * resolves it: the instance configured under the name, else a shared configuration of
	 * that name, else the default.
	 */
	private static <E, C> C configured(Registry<E, C> registry, String name, Function<E, C> configOf) {
		return registry.find(name)
			.map(configOf)
			.or(() -> registry.getConfiguration(name))
			.orElseGet(registry::getDefaultConfig);
	}

	/**
	 * Registers the edge's own instance in place of the one configuration created, so the
	 * factory, the metrics and whoever watches the registry all see the one the edge
	 * calls through.
	 */
	private static <E, C> E registered(Registry<E, C> registry, String name, C config,
			BiFunction<String, C, E> create) {
		registry.remove(name);
		return create.apply(name, config);
	}

	/**
	 * The configured back-off, or the downstream's {@code Retry-After} when that is
	 * longer.
	 */
	static IntervalBiFunction<Object> honouringRetryAfter(IntervalBiFunction<Object> backoff) {
		return (attempt, result) -> {
			long millis = backoff.apply(attempt, result);
			if (result.isLeft() && result.getLeft() instanceof RetryAfter hint) {
				long asked = hint.retryAfter()
					.map(wait -> Math.min(wait.toMillis(), LONGEST_RETRY_AFTER.toMillis()))
					.orElse(0L);
				millis = Math.max(millis, asked);
			}
			return millis;
		};
	}

	static IntervalBiFunction<Object> honouringRetryAfter(IntervalFunction backoff) {
		return honouringRetryAfter(IntervalBiFunction.ofIntervalFunction(backoff));
	}

	/** The outage of an edge whose downstream has none to tell: never thrown. */
	private static final class NoOutage extends RuntimeException {

		private NoOutage() {
		}

	}

}
