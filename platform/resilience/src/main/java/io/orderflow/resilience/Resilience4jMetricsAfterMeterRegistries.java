package io.orderflow.resilience;

import org.springframework.boot.autoconfigure.AutoConfiguration;

/**
 * Puts Resilience4j's metrics auto-configurations after Spring Boot 4's meter registries,
 * so their {@code @ConditionalOnBean(MeterRegistry.class)} finds one and the breakers,
 * bulkheads and retries are published ({@code resilience4j_circuitbreaker_state}, ...).
 * resilience4j-spring-boot3 2.3 orders them after Spring Boot 3's class names, and Spring
 * Cloud CircuitBreaker 5.0's own ordering names a Spring Boot 4 milestone's
 * (spring-cloud/spring-cloud-circuitbreaker#276); without this they run first and publish
 * nothing. Orders only: it declares no bean. Remove it once either library names Spring
 * Boot 4's classes.
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		beforeName = {
				"io.github.resilience4j.springboot3.circuitbreaker.autoconfigure.CircuitBreakerMetricsAutoConfiguration",
				"io.github.resilience4j.springboot3.bulkhead.autoconfigure.BulkheadMetricsAutoConfiguration",
				"io.github.resilience4j.springboot3.retry.autoconfigure.RetryMetricsAutoConfiguration",
				"io.github.resilience4j.springboot3.timelimiter.autoconfigure.TimeLimiterMetricsAutoConfiguration" })
public class Resilience4jMetricsAfterMeterRegistries {

}
