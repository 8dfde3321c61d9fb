package io.orderflow.resilience;

import java.time.Duration;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.bulkhead.ThreadPoolBulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;

import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigurationProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4jBulkheadProvider;

/**
 * Edges for unit tests, on Spring Cloud CircuitBreaker's Resilience4j factory built by
 * hand the way {@code edge-defaults.properties} has the auto-configuration build it
 * (calls on the caller's thread, a semaphore bulkhead), without a Spring context.
 */
final class TestEdges {

	private TestEdges() {
	}

	/**
	 * @param attempts how many times a transient failure is tried, 1 ms apart
	 * @return edges whose circuits judge after 4 calls, over the last 4, and stay open an
	 * hour once open
	 */
	static ResilientEdges judgingEveryFourCalls(int attempts) {
		var settings = new Resilience4JConfigurationProperties();
		settings.setDisableThreadPool(true);
		settings.setEnableSemaphoreDefaultBulkhead(true);
		var bulkheads = new Resilience4jBulkheadProvider(ThreadPoolBulkheadRegistry.ofDefaults(),
				BulkheadRegistry.ofDefaults(), settings);
		var breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.minimumNumberOfCalls(4)
			.slidingWindowSize(4)
			.waitDurationInOpenState(Duration.ofHours(1))
			.build());
		var factory = new Resilience4JCircuitBreakerFactory(breakers, TimeLimiterRegistry.ofDefaults(), bulkheads,
				settings);
		return new ResilientEdges(factory, RetryRegistry
			.of(RetryConfig.custom().maxAttempts(attempts).waitDuration(Duration.ofMillis(1)).build()));
	}

}
