package io.orderflow.payment.payments.provider;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.messaging.tracing.OrderIdCorrelation;
import io.orderflow.payment.payments.PaymentProvider;
import io.orderflow.payment.payments.PaymentProviderUnavailableException;
import io.orderflow.resilience.EdgeUnavailableException;
import io.orderflow.resilience.ResilientEdge;
import io.orderflow.resilience.ResilientEdges;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The payment provider over HTTP, through the resilient edge {@code payment-provider} (resilience-support): a bulkhead, a
 * circuit breaker named after the provider, and a retry with jittered exponential backoff — safe, because every
 * call carries an idempotency key. The edge's timeout is the HTTP read timeout. Only transient failures (network,
 * timeouts, 5xx) are retried and count against the circuit; a decline is an answer, not a failure.
 *
 * <p>Each charge or refund is observed as {@value #OBSERVATION}, tagged with the order id: a span around the edge
 * (its HTTP attempts are child spans, each sending the trace on in a {@code traceparent} header) and a timer.
 */
@Component
class PaymentProviderClient implements PaymentProvider {

	static final String OBSERVATION = "orderflow.payment.provider";

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final RestClient http;

	private final ResilientEdge edge;

	private final ObservationRegistry observations;

	PaymentProviderClient(RestClient.Builder builder, PaymentProviderProperties properties, ResilientEdges edges,
			ObservationRegistry observations) {
		this.observations = observations;
		this.edge = edges.edge(EDGE, TransientProviderFailure.class);
		var requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
		requestFactory.setReadTimeout(edge.timeout());
		this.http = builder.baseUrl(properties.baseUrl().toString()).requestFactory(requestFactory).build();
	}

	@Override
	public ChargeOutcome charge(String idempotencyKey, String reference, BigDecimal amount, String currency,
			String paymentMethod) {
		return call("charge", reference, () -> http.post()
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

	/** The order is the one whose event is being handled (the refund request itself does not name it). */
	@Override
	public String refund(String idempotencyKey, String chargeId, BigDecimal amount) {
		return call("refund", OrderIdCorrelation.current().orElse(null), () -> http.post()
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

	private <T> T call(String operation, String orderId, Supplier<T> call) {
		Observation observation = Observation.createNotStarted(OBSERVATION, observations)
			.contextualName(EDGE + " " + operation)
			.lowCardinalityKeyValue("operation", operation);
		if (orderId != null) {
			observation.highCardinalityKeyValue(OrderIdCorrelation.SPAN_TAG, orderId);
		}
		return observation.observe(() -> callThroughEdge(operation, call));
	}

	private <T> T callThroughEdge(String operation, Supplier<T> call) {
		try {
			return edge.call(() -> {
				try {
					return call.get();
				}
				catch (ResourceAccessException ex) {
					throw new TransientProviderFailure(operation + " failed: " + ex.getMessage(), ex);
				}
			});
		}
		catch (EdgeUnavailableException ex) {
			throw new PaymentProviderUnavailableException("Payment provider " + operation + ": " + ex.getMessage(), ex);
		}
	}

	ResilientEdge edge() {
		return edge;
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
