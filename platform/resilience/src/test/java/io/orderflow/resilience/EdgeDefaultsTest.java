package io.orderflow.resilience;

import java.time.Duration;
import java.util.function.Consumer;

import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JCircuitBreakerFactory;
import org.springframework.cloud.client.circuitbreaker.CircuitBreakerFactory;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Test of the auto-configuration as a service gets it (every auto-configuration on the
 * classpath, Spring Cloud CircuitBreaker's and Resilience4j's included): one default for
 * every edge, declared once in {@code edge-defaults.properties}; a service's
 * configuration overriding one value for one downstream, which keeps the defaults for the
 * rest; and the meters the dashboards and alerts read, under their Prometheus names.
 */
class EdgeDefaultsTest {

	@Test
	void anEdgeWithoutOverridesGetsTheDefaults() {
		run(edges -> {
			ResilientEdge edge = edges.edge("payment-provider", IllegalStateException.class);

			assertThat(edge.name()).isEqualTo("payment-provider");
			assertThat(edge.timeout()).isEqualTo(Duration.ofSeconds(3));
			assertThat(edge.retry().getRetryConfig().getMaxAttempts()).isEqualTo(3);
			assertThat(waitInOpenState(edge)).isEqualTo(Duration.ofSeconds(10));
			CircuitBreakerConfig breaker = edge.circuitBreaker().getCircuitBreakerConfig();
			assertThat(breaker.getFailureRateThreshold()).isEqualTo(50);
			assertThat(breaker.getSlidingWindowSize()).isEqualTo(20);
			assertThat(breaker.getMinimumNumberOfCalls()).isEqualTo(10);
			assertThat(breaker.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
			assertThat(breaker.isAutomaticTransitionFromOpenToHalfOpenEnabled()).isTrue();
		});
	}

	@Test
	void anEdgeOverridesOnlyWhatItNames() {
		run(edges -> {
			ResilientEdge mail = edges.edge("mail-server", IllegalStateException.class);
			ResilientEdge other = edges.edge("payment-provider", IllegalStateException.class);

			assertThat(mail.retry().getRetryConfig().getMaxAttempts()).isEqualTo(1);
			assertThat(firstBackoff(mail)).as("200 ms with 50 %% jitter").isBetween(100L, 300L);
			assertThat(waitInOpenState(mail)).isEqualTo(Duration.ofSeconds(30));
			assertThat(mail.circuitBreaker().getCircuitBreakerConfig().getFailureRateThreshold()).isEqualTo(50);
			assertThat(mail.timeout()).isEqualTo(Duration.ofSeconds(2));
			assertThat(other.retry().getRetryConfig().getMaxAttempts()).isEqualTo(3);
			assertThat(waitInOpenState(other)).isEqualTo(Duration.ofSeconds(10));
			assertThat(other.timeout()).isEqualTo(Duration.ofSeconds(2));
		}, "--resilience4j.timelimiter.configs.default.timeout-duration=2s",
				"--resilience4j.retry.instances.mail-server.max-attempts=1",
				"--resilience4j.circuitbreaker.instances.mail-server.wait-duration-in-open-state=30s");
	}

	@Test
	void theBulkheadOfAnEdgeHasTheDefaultOrItsOverride() {
		try (ConfigurableApplicationContext context = start(
				"--resilience4j.bulkhead.instances.mail-server.max-concurrent-calls=2")) {
			ResilientEdges edges = context.getBean(ResilientEdges.class);
			BulkheadRegistry bulkheads = context.getBean(BulkheadRegistry.class);

			edges.edge("payment-provider", IllegalStateException.class).call(() -> "charged");
			edges.edge("mail-server", IllegalStateException.class).call(() -> "sent");

			assertThat(bulkheads.bulkhead("payment-provider").getBulkheadConfig().getMaxConcurrentCalls())
				.isEqualTo(10);
			assertThat(bulkheads.bulkhead("mail-server").getBulkheadConfig().getMaxConcurrentCalls()).isEqualTo(2);
		}
	}

	@Test
	void theServicesOwnIntakeAdmits64RequestsAtOnceAndNeverQueuesOneMore() {
		try (ConfigurableApplicationContext context = start()) {
			BulkheadConfig intake = context.getBean(BulkheadRegistry.class)
				.bulkhead("http-requests")
				.getBulkheadConfig();

			assertThat(intake.getMaxConcurrentCalls()).isEqualTo(64);
			assertThat(intake.getMaxWaitDuration()).isZero();
		}
	}

	@Test
	void anEdgeCallsThroughSpringCloudCircuitBreakersFactoryAndItsRegistry() {
		try (ConfigurableApplicationContext context = start()) {
			ResilientEdge edge = context.getBean(ResilientEdges.class)
				.edge("payment-provider", IllegalStateException.class);

			Thread caller = edge.call(Thread::currentThread);

			assertThat(caller).as("the call runs on the caller's thread, its trace and log context with it")
				.isSameAs(Thread.currentThread());
			CircuitBreakerFactory<?, ?> factory = context.getBean(CircuitBreakerFactory.class);
			assertThat(factory).isInstanceOf(Resilience4JCircuitBreakerFactory.class);
			assertThat(
					((Resilience4JCircuitBreakerFactory) factory).getCircuitBreakerRegistry().find("payment-provider"))
				.containsSame(edge.circuitBreaker());
			assertThat(edge.circuitBreaker().getMetrics().getNumberOfSuccessfulCalls()).isOne();
		}
	}

	@Test
	void theBreakerBulkheadAndRetryMetricsAreScrapedUnderTheNamesTheDashboardsRead() {
		try (ConfigurableApplicationContext context = start(
				"--resilience4j.circuitbreaker.instances.payment-provider.minimum-number-of-calls=1")) {
			ResilientEdge edge = context.getBean(ResilientEdges.class)
				.edge("payment-provider", IllegalStateException.class);
			edge.call(() -> "charged");
			for (int i = 0; i < 3; i++) {
				assertThatThrownBy(() -> edge.call(() -> {
					throw new IllegalStateException("down");
				})).isInstanceOf(EdgeUnavailableException.class);
			}

			String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();

			assertThat(scrape)
				.containsPattern(
						"resilience4j_circuitbreaker_state\\{[^}]*name=\"payment-provider\"[^}]*state=\"open\"[^}]*} 1")
				.containsPattern(
						"resilience4j_circuitbreaker_calls_seconds_count\\{[^}]*kind=\"successful\"[^}]*name=\"payment-provider\"[^}]*} 1")
				.containsPattern(
						"resilience4j_circuitbreaker_not_permitted_calls_total\\{[^}]*name=\"payment-provider\"[^}]*} [1-9]")
				.containsPattern(
						"resilience4j_bulkhead_available_concurrent_calls\\{[^}]*name=\"payment-provider\"[^}]*} 10")
				.containsPattern("resilience4j_retry_calls_total\\{[^}]*name=\"payment-provider\"");
		}
	}

	private static Duration waitInOpenState(ResilientEdge edge) {
		return Duration
			.ofMillis(edge.circuitBreaker().getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
	}

	private static long firstBackoff(ResilientEdge edge) {
		RetryConfig retry = edge.retry().getRetryConfig();
		return retry.<Object>getIntervalBiFunction().apply(1, Either.left(new IllegalStateException("down")));
	}

	private static void run(Consumer<ResilientEdges> test, String... arguments) {
		try (ConfigurableApplicationContext context = start(arguments)) {
			test.accept(context.getBean(ResilientEdges.class));
		}
	}

	/**
	 * Arguments, like a service's own configuration, take precedence over the defaults.
	 */
	private static ConfigurableApplicationContext start(String... arguments) {
		return new SpringApplicationBuilder(Service.class).web(WebApplicationType.NONE).run(arguments);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Service {

	}

}
