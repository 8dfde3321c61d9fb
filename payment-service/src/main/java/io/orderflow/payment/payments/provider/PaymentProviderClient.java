package io.orderflow.payment.payments.provider;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.messaging.tracing.AggregateCorrelation;
import io.orderflow.payment.payments.PaymentProvider;
import io.orderflow.payment.payments.PaymentProviderUnavailableException;
import io.orderflow.resilience.EdgeUnavailableException;
import io.orderflow.resilience.ResilientEdge;
import io.orderflow.resilience.ResilientEdges;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The payment provider over HTTP, through the resilient edge {@code payment-provider}
 * (platform/resilience, on Spring Cloud CircuitBreaker): a bulkhead, a circuit breaker
 * named after the provider, and a retry with jittered exponential backoff that waits at
 * least the provider's {@code Retry-After} — safe, because every charge and refund
 * carries an idempotency key. The edge's timeout is the HTTP read timeout.
 * {@link ProviderAnswers} classifies every answer: only transient failures are retried;
 * they and the provider's refusals to serve us count against the circuit; a decision
 * never does.
 *
 * <p>
 * Each call is observed as {@value #OBSERVATION}, tagged with the order id: a span around
 * the edge (its HTTP attempts are child spans, each sending the trace on in a
 * {@code traceparent} header) and a timer.
 */
@Component
class PaymentProviderClient implements PaymentProvider {

	static final String OBSERVATION = "orderflow.payment.provider";

	private static final Logger log = LoggerFactory.getLogger(PaymentProviderClient.class);

	private static final AggregateCorrelation ORDER = AggregateCorrelation.of(OrderEvent.CATALOG);

	private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final RestClient http;

	private final ResilientEdge edge;

	private final ObservationRegistry observations;

	PaymentProviderClient(RestClient.Builder builder, PaymentProviderProperties properties, ResilientEdges edges,
			ObservationRegistry observations) {
		this.observations = observations;
		this.edge = edges.edge(EDGE, TransientProviderFailure.class, ProviderOutage.class);
		var requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build());
		requestFactory.setReadTimeout(edge.timeout());
		this.http = builder.baseUrl(properties.baseUrl().toString())
			.requestFactory(requestFactory)
			.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.apiKey())
			.build();
	}

	@Override
	public ChargeOutcome charge(String idempotencyKey, String reference, BigDecimal amount, String currency,
			String paymentMethod) {
		return call("charge", reference,
				() -> http.post()
					.uri("/v1/charges")
					.header(IDEMPOTENCY_KEY, idempotencyKey)
					.body(new ChargeRequest(amount, currency, paymentMethod, reference))
					.exchange((request, response) -> {
						int status = response.getStatusCode().value();
						if (response.getStatusCode().is2xxSuccessful()) {
							return new ChargeOutcome.Approved(
									requireId(ProviderAnswers.body(response, ChargeAnswer.class, "charge"), "charge"));
						}
						if (status == 402) {
							ChargeAnswer declined = ProviderAnswers.body(response, ChargeAnswer.class, "charge");
							return new ChargeOutcome.Declined(
									declined.declineCode() == null ? "card_declined" : declined.declineCode());
						}
						return new ChargeOutcome.KeySpent(ProviderAnswers.failure(response, "charge").detail());
					}));
	}

	/**
	 * The order is the one whose event is being handled (the refund request itself does
	 * not name it).
	 */
	@Override
	public RefundOutcome refund(String idempotencyKey, String chargeId, BigDecimal amount) {
		return call("refund", ORDER.current().orElse(null),
				() -> http.post()
					.uri("/v1/refunds")
					.header(IDEMPOTENCY_KEY, idempotencyKey)
					.body(new RefundRequest(chargeId, amount))
					.exchange((request, response) -> {
						if (response.getStatusCode().is2xxSuccessful()) {
							return new RefundOutcome.Refunded(
									requireId(ProviderAnswers.body(response, RefundAnswer.class, "refund"), "refund"));
						}
						ProviderAnswers.Problem problem = ProviderAnswers.failure(response, "refund of " + chargeId,
								ProviderAnswers.CHARGE_ALREADY_REFUNDED);
						return problem.keySpent() ? new RefundOutcome.KeySpent(problem.detail())
								: new RefundOutcome.AlreadyRefunded(problem.detail());
					}));
	}

	@Override
	public List<BookedCharge> chargesFor(String reference) {
		ChargeList list = call("find charges", reference,
				() -> http.get()
					.uri(uri -> uri.path("/v1/charges").queryParam("reference", reference).build())
					.exchange((request, response) -> lookup(response, ChargeList.class, "find charges")));
		return list.data()
			.stream()
			.map(charge -> new BookedCharge(requireId(charge, "find charges"), "succeeded".equals(charge.status()),
					charge.declineCode(), charge.amount()))
			.toList();
	}

	@Override
	public List<String> refundsOf(String chargeId) {
		RefundList list = call("find refunds", ORDER.current().orElse(null),
				() -> http.get()
					.uri(uri -> uri.path("/v1/refunds").queryParam("charge", chargeId).build())
					.exchange((request, response) -> lookup(response, RefundList.class, "find refunds")));
		return list.data().stream().map(refund -> requireId(refund, "find refunds")).toList();
	}

	/** A lookup changes nothing, so even a replayed failure is only transient. */
	private static <T> T lookup(ClientHttpResponse response, Class<T> type, String operation) throws IOException {
		if (response.getStatusCode().is2xxSuccessful()) {
			return ProviderAnswers.body(response, type, operation);
		}
		ProviderAnswers.Problem problem = ProviderAnswers.failure(response, operation);
		throw new TransientProviderFailure(operation + " failed: " + problem.detail(), null,
				ProviderAnswers.retryAfter(response));
	}

	private static String requireId(Identified answer, String operation) {
		if (answer.id() == null || answer.id().isBlank()) {
			throw new TransientProviderFailure(operation + " answered without an id: outcome unknown", null,
					Optional.empty());
		}
		return answer.id();
	}

	private <T> T call(String operation, String orderId, Supplier<T> call) {
		Observation observation = Observation.createNotStarted(OBSERVATION, observations)
			.contextualName(EDGE + " " + operation)
			.lowCardinalityKeyValue("operation", operation);
		if (orderId != null) {
			observation.highCardinalityKeyValue(ORDER.spanTag(), orderId);
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
					throw new TransientProviderFailure(operation + " failed: " + ex.getMessage(), ex, Optional.empty());
				}
			});
		}
		catch (EdgeUnavailableException ex) {
			if (ex.getCause() instanceof ProviderOutage outage) {
				log.error("The payment provider refuses to serve payment-service; orders wait until it is fixed: {}",
						outage.getMessage());
			}
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

	/** An answer that names what it is about. */
	interface Identified {

		String id();

	}

	/** The fields of a charge this client needs. */
	record ChargeAnswer(String id, String status, String declineCode, BigDecimal amount) implements Identified {
	}

	record RefundAnswer(String id) implements Identified {
	}

	record ChargeList(List<ChargeAnswer> data) {

		ChargeList {
			data = data == null ? List.of() : data;
		}

	}

	record RefundList(List<RefundAnswer> data) {

		RefundList {
			data = data == null ? List.of() : data;
		}

	}

}
