package io.orderflow.payment.payments.provider;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.payment.payments.PaymentProvider;
import io.orderflow.payment.payments.PaymentProviderUnavailableException;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The payment provider over HTTP, behind a circuit breaker named after it and a retry with jittered exponential
 * backoff (safe: every call carries an idempotency key). Timeouts bound every call. Only transient failures
 * (network, timeouts, 5xx) are retried and count against the circuit; a decline is an answer, not a failure.
 */
@Component
class PaymentProviderClient implements PaymentProvider {

	static final String NAME = "payment-provider";

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final RestClient http;

	private final CircuitBreaker circuitBreaker;

	private final Retry retry;

	PaymentProviderClient(RestClient.Builder builder, PaymentProviderProperties properties, MeterRegistry meters) {
		var requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
		requestFactory.setReadTimeout(properties.readTimeout());
		this.http = builder.baseUrl(properties.baseUrl().toString()).requestFactory(requestFactory).build();

		PaymentProviderProperties.CircuitBreaker breaker = properties.circuitBreaker();
		CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.failureRateThreshold(breaker.failureRateThreshold())
			.slidingWindowSize(breaker.slidingWindowSize())
			.minimumNumberOfCalls(breaker.minimumCalls())
			.waitDurationInOpenState(breaker.waitInOpenState())
			.permittedNumberOfCallsInHalfOpenState(3)
			.automaticTransitionFromOpenToHalfOpenEnabled(true)
			.recordExceptions(TransientProviderFailure.class)
			.build());
		this.circuitBreaker = breakers.circuitBreaker(NAME);

		PaymentProviderProperties.Retry retries = properties.retry();
		RetryRegistry retryRegistry = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(retries.maxAttempts())
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(retries.initialBackoff(), 2.0, retries.jitter()))
			.retryExceptions(TransientProviderFailure.class)
			.ignoreExceptions(CallNotPermittedException.class)
			.build());
		this.retry = retryRegistry.retry(NAME);

		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers).bindTo(meters);
		TaggedRetryMetrics.ofRetryRegistry(retryRegistry).bindTo(meters);
	}

	@Override
	public ChargeOutcome charge(String idempotencyKey, String reference, BigDecimal amount, String currency,
			String paymentMethod) {
		return call("charge", () -> http.post()
			.uri("/v1/charges")
			.header(IDEMPOTENCY_KEY, idempotencyKey)
			.body(new ChargeRequest(amount, currency, paymentMethod, reference))
			.exchange((request, response) -> {
				HttpStatusCode status = response.getStatusCode();
				if (status.is2xxSuccessful()) {
					return new ChargeOutcome.Approved(response.bodyTo(ProviderAnswer.class).id());
				}
				if (status.value() == 402) {
					return new ChargeOutcome.Declined(response.bodyTo(ProviderAnswer.class).declineCode());
				}
				if (status.is4xxClientError()) {
					// the provider refuses the request itself (e.g. an amount it cannot take): a final answer
					return new ChargeOutcome.Declined("invalid_request");
				}
				throw new TransientProviderFailure("charge answered " + status.value());
			}));
	}

	@Override
	public String refund(String idempotencyKey, String chargeId, BigDecimal amount) {
		return call("refund", () -> http.post()
			.uri("/v1/refunds")
			.header(IDEMPOTENCY_KEY, idempotencyKey)
			.body(new RefundRequest(chargeId, amount))
			.exchange((request, response) -> {
				HttpStatusCode status = response.getStatusCode();
				if (status.is2xxSuccessful()) {
					return response.bodyTo(ProviderAnswer.class).id();
				}
				if (status.is4xxClientError()) {
					throw new PoisonEventException("Provider refused refund of " + chargeId + " with " + status.value()
							+ ": " + new String(response.getBody().readAllBytes()));
				}
				throw new TransientProviderFailure("refund answered " + status.value());
			}));
	}

	private <T> T call(String operation, Supplier<T> call) {
		Supplier<T> guarded = Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, () -> {
			try {
				return call.get();
			}
			catch (ResourceAccessException ex) {
				throw new TransientProviderFailure(operation + " failed: " + ex.getMessage(), ex);
			}
		}));
		try {
			return guarded.get();
		}
		catch (CallNotPermittedException ex) {
			throw new PaymentProviderUnavailableException("Circuit '" + NAME + "' is open; " + operation + " not attempted", ex);
		}
		catch (TransientProviderFailure ex) {
			throw new PaymentProviderUnavailableException("Payment provider " + operation + " failed after retries: "
					+ ex.getMessage(), ex);
		}
	}

	CircuitBreaker.State circuitState() {
		return circuitBreaker.getState();
	}

	record ChargeRequest(BigDecimal amount, String currency, String paymentMethod, String reference) {
	}

	record RefundRequest(String charge, BigDecimal amount) {
	}

	/** The fields of the provider's answers this client needs. */
	record ProviderAnswer(String id, String status, String declineCode) {
	}

	/** A failure worth retrying and counting against the circuit: network, timeout, 5xx. */
	static final class TransientProviderFailure extends RuntimeException {

		TransientProviderFailure(String message) {
			super(message);
		}

		TransientProviderFailure(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
