package io.orderflow.payment.payments.provider;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The payment provider edge ({@code orderflow.payment.provider.*}): where it is, how long to wait, how often to
 * retry, when to stop calling.
 */
@Validated
@ConfigurationProperties("orderflow.payment.provider")
public record PaymentProviderProperties(@NotNull @DefaultValue("http://localhost:8090") URI baseUrl,
		@NotNull @DefaultValue("1s") Duration connectTimeout, @NotNull @DefaultValue("3s") Duration readTimeout,
		@Valid @DefaultValue Retry retry, @Valid @DefaultValue CircuitBreaker circuitBreaker) {

	/**
	 * Retries of one call. Safe because every call carries an idempotency key.
	 * @param maxAttempts calls in all, the first included
	 * @param jitter randomisation factor of the exponential backoff, so retries of many consumers do not align
	 */
	public record Retry(@Min(1) @Max(10) @DefaultValue("3") int maxAttempts,
			@NotNull @DefaultValue("200ms") Duration initialBackoff,
			@DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.5") double jitter) {
	}

	/**
	 * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
	 * @param waitInOpenState how long calls are refused before a few trial calls are let through
	 */
	public record CircuitBreaker(@Min(1) @Max(100) @DefaultValue("50") int failureRateThreshold,
			@Min(1) @DefaultValue("20") int slidingWindowSize, @Min(1) @DefaultValue("10") int minimumCalls,
			@NotNull @DefaultValue("10s") Duration waitInOpenState) {
	}

}
