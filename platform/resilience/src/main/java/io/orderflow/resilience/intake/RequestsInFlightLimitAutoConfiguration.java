package io.orderflow.resilience.intake;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Bounds the requests a servlet service works on at once ({@link RequestsInFlightLimit}),
 * with the bulkhead {@value #BULKHEAD} of Resilience4j's registry, so the limit is set
 * like every other bulkhead ({@code resilience4j.bulkhead.instances.http-requests.*},
 * default in {@code edge-defaults.properties}) and published like them
 * ({@code resilience4j_bulkhead_available_concurrent_calls{name="http-requests"}}).
 */
@AutoConfiguration(afterName = "io.github.resilience4j.springboot3.bulkhead.autoconfigure.BulkheadAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(Filter.class)
@ConditionalOnBean(BulkheadRegistry.class)
public class RequestsInFlightLimitAutoConfiguration {

	static final String BULKHEAD = "http-requests";

	/**
	 * Right after the request's observation ({@code ServerHttpObservationFilter}, highest
	 * precedence + 1), so a refused request is still counted and traced, and before
	 * everything that costs: security, body parsing, the database.
	 */
	@Bean
	FilterRegistrationBean<RequestsInFlightLimit> requestsInFlightLimit(BulkheadRegistry bulkheads,
			@Value("${spring.application.name:the service}") String serviceName) {
		FilterRegistrationBean<RequestsInFlightLimit> registration = new FilterRegistrationBean<>(
				new RequestsInFlightLimit(bulkheads.bulkhead(BULKHEAD), serviceName));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
		return registration;
	}

}
