package io.orderflow.order.paymentstatus.client;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import io.orderflow.order.paymentstatus.PaymentServiceQuery;
import io.orderflow.order.paymentstatus.PaymentStatusView;
import io.orderflow.resilience.EdgeUnavailableException;
import io.orderflow.resilience.ResilientEdge;
import io.orderflow.resilience.ResilientEdges;
import io.orderflow.security.relay.BearerTokenRelay;
import jakarta.validation.constraints.NotNull;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * payment-service's read API over HTTP, through the resilient edge
 * {@code payment-service}: short timeout, a retry (a GET is idempotent), a circuit
 * breaker and a bulkhead, so a slow payment-service costs order-service a bounded wait
 * and then nothing at all while its circuit is open.
 *
 * <p>
 * Every answer is classified, and only a well-formed one is believed:
 * <ul>
 * <li><b>no answer in time</b> (connection refused or broken, timeout), {@code 5xx},
 * {@code 408} and {@code 429}: transient, retried and counted against the circuit;</li>
 * <li><b>any other status that is not {@code 2xx}</b> (a {@code 404} from a wrong base
 * URL or an older API, a {@code 401}/{@code 403} from a misconfigured gateway, a
 * redirect): unusable. It is not retried (the same request gets the same answer) and does
 * not open the circuit (payment-service answered, and fast);</li>
 * <li><b>a {@code 2xx} that does not read as payment-service's list of payments</b> (not
 * JSON, such as a proxy's HTML error page; JSON of another shape; a payment about another
 * order, without a status, or with a status that is not an upper-case token; larger than
 * {@link #MAX_BODY_BYTES}): unusable, likewise.</li>
 * </ul>
 * Transient and unusable answers both end in {@link EdgeUnavailableException}, so the
 * caller answers what it already knows. A status value this code does not know
 * (payment-service adds {@code PENDING}, later maybe others) is <em>not</em> unusable: it
 * is passed on as it came, so a new state of payment-service reaches clients without a
 * release of order-service.
 */
@Component
class PaymentServiceClient implements PaymentServiceQuery {

	/**
	 * payment-service's list for one order is a few hundred bytes; anything far larger is
	 * not that list.
	 */
	static final int MAX_BODY_BYTES = 64 * 1024;

	/**
	 * What a payment status looks like on the wire: {@code AUTHORIZED}, {@code PENDING},
	 * ...
	 */
	private static final Pattern STATUS = Pattern.compile("[A-Z][A-Z_]{0,31}");

	private final RestClient http;

	private final ResilientEdge edge;

	/**
	 * Fields payment-service adds later are ignored, whatever the application's own JSON
	 * settings say.
	 */
	private final ObjectReader paymentList;

	PaymentServiceClient(RestClient.Builder builder, Properties properties, ResilientEdges edges, JsonMapper json) {
		this.edge = edges.edge(EDGE, TransientFailure.class);
		this.paymentList = json.readerFor(Payment[].class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		var requestFactory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(edge.timeout()).build());
		requestFactory.setReadTimeout(edge.timeout());
		this.http = builder.baseUrl(properties.baseUrl().toString()).requestFactory(requestFactory).build();
	}

	@Override
	public Optional<PaymentStatusView> paymentOf(UUID orderId) {
		// read here, on the request's thread: the edge may run the call on another
		String token = BearerTokenRelay.currentToken().orElse(null);
		try {
			byte[] body = edge.call(() -> fetch(orderId, token));
			return read(orderId, body).map(Payment::toView);
		}
		catch (UnusableAnswer ex) {
			throw new EdgeUnavailableException(EDGE, "unusable answer: " + ex.getMessage(), ex);
		}
	}

	/** One exchange: the body of a {@code 2xx} answer, or a classified failure. */
	private byte[] fetch(UUID orderId, String token) {
		try {
			return http.get()
				.uri("/api/payments?orderId={id}", orderId)
				.accept(MediaType.APPLICATION_JSON)
				.headers(headers -> {
					if (token != null) {
						headers.setBearerAuth(token);
					}
				})
				.exchange((request, response) -> body(response), true);
		}
		catch (ResourceAccessException ex) {
			throw new TransientFailure("payment-service did not answer: " + ex.getMessage());
		}
	}

	private static byte[] body(ClientHttpResponse response) {
		HttpStatusCode status;
		try {
			status = response.getStatusCode();
			if (!status.is2xxSuccessful()) {
				String answered = "payment-service answered " + status;
				if (isTransient(status)) {
					throw new TransientFailure(answered);
				}
				throw new UnusableAnswer(answered);
			}
			MediaType contentType = response.getHeaders().getContentType();
			if (contentType == null || !contentType.isCompatibleWith(MediaType.APPLICATION_JSON)
					&& !contentType.getSubtype().endsWith("+json")) {
				throw new UnusableAnswer(
						"payment-service answered " + status + " with Content-Type " + contentType + ", not JSON");
			}
			try (InputStream in = response.getBody()) {
				byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
				if (body.length > MAX_BODY_BYTES) {
					throw new UnusableAnswer("payment-service answered more than " + MAX_BODY_BYTES + " bytes");
				}
				return body;
			}
		}
		catch (IOException ex) {
			// the connection broke or timed out while the answer was read: as good as no
			// answer
			throw new TransientFailure("payment-service's answer broke off: " + ex.getMessage());
		}
	}

	/**
	 * The statuses that say "not now" rather than "not this": worth asking again a little
	 * later.
	 */
	private static boolean isTransient(HttpStatusCode status) {
		return status.is5xxServerError() || status.value() == HttpStatus.REQUEST_TIMEOUT.value()
				|| status.value() == HttpStatus.TOO_MANY_REQUESTS.value();
	}

	/**
	 * payment-service's list of payments for the order, newest first.
	 * @return its first payment, empty when payment-service knows none
	 * @throws UnusableAnswer when the body is not such a list about this order
	 */
	private Optional<Payment> read(UUID orderId, byte[] body) {
		Payment[] payments;
		try {
			payments = paymentList.readValue(body);
		}
		catch (JacksonException ex) {
			throw new UnusableAnswer("not a list of payments: " + ex.getOriginalMessage());
		}
		if (payments == null) {
			throw new UnusableAnswer("not a list of payments: null");
		}
		if (payments.length == 0) {
			return Optional.empty();
		}
		Payment payment = payments[0];
		if (payment == null || !orderId.equals(payment.orderId())) {
			throw new UnusableAnswer("the payment is not about order " + orderId);
		}
		if (payment.status() == null || !STATUS.matcher(payment.status()).matches()) {
			throw new UnusableAnswer("the payment's status is not an upper-case token: "
					+ (payment.status() == null ? null : "'" + abbreviated(payment.status()) + "'"));
		}
		return Optional.of(payment);
	}

	private static String abbreviated(String text) {
		return text.length() <= 40 ? text : text.substring(0, 40) + "...";
	}

	/**
	 * The fields of payment-service's payment this view needs. The status is a string,
	 * not an enum: a state added by payment-service is passed on rather than refused.
	 */
	record Payment(UUID orderId, String status, BigDecimal amount, String currency, String chargeId,
			String declineReason, String refundId, Instant updatedAt) {

		PaymentStatusView toView() {
			return new PaymentStatusView(orderId, status, PaymentStatusView.Source.LIVE, amount, currency, chargeId,
					refundId, declineReason, updatedAt);
		}

	}

	/**
	 * Network failure, timeout, 5xx, 408 or 429: counts against the circuit, worth a
	 * retry.
	 */
	static final class TransientFailure extends RuntimeException {

		TransientFailure(String message) {
			super(message);
		}

	}

	/**
	 * payment-service answered, but not with something to believe: not worth a retry, no
	 * reason to open the circuit.
	 */
	static final class UnusableAnswer extends RuntimeException {

		UnusableAnswer(String message) {
			super(message);
		}

	}

	/** Where payment-service is ({@code orderflow.order.payment-service.base-url}). */
	@Validated
	@ConfigurationProperties("orderflow.order.payment-service")
	record Properties(@NotNull @DefaultValue("http://localhost:8082") URI baseUrl) {
	}

}
