package io.orderflow.order.paymentstatus;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.orderflow.order.OrderServiceIntegrationTestBase;
import io.orderflow.testsupport.identity.TestCustomer;
import io.orderflow.resilience.ResilientEdges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration: {@code GET /api/orders/{id}/payment} against a real HTTP server standing
 * in for payment-service. A well-formed answer is passed on ({@code source: LIVE}), a
 * status order-service does not know included; anything else — no answer, a slow one, a
 * 5xx, any 4xx, a redirect, a body that is not payment-service's list of payments for the
 * order — is answered, quickly, from what the payment events told order-service
 * ({@code source: LAST_KNOWN}), never as an error. Transient failures are retried once
 * (the edge's 2 attempts), unusable answers are not.
 */
class OrderPaymentStatusIT extends OrderServiceIntegrationTestBase {

	private static final String PAYMENT_JSON = """
			[{"orderId":"%s","status":"%s","amount":25.00,"currency":"EUR","chargeId":"ch_live_1",\
			"declineReason":null,"refundId":null,"updatedAt":"2026-01-02T03:04:05Z"}]""";

	private static final Duration QUICKLY = Duration.ofSeconds(3);

	@Autowired
	private ResilientEdges edges;

	@Test
	void whilePaymentServiceGivesNoAnswerTheLastKnownStateIsAnsweredQuickly() {
		UUID id = placeOrder(newCustomer("payment-status"));

		long started = System.nanoTime();
		HttpResponse<String> pending = get(ownerOf(id), paymentOf(id));
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(pending.statusCode()).as(pending.body()).isEqualTo(200);
		assertThat(json(pending).get("source").asString()).isEqualTo("LAST_KNOWN");
		assertThat(json(pending).get("status").asString()).isEqualTo("UNKNOWN");
		assertThat(took).as("bounded by the edge's timeout and retry, never by payment-service").isLessThan(QUICKLY);
		// the edge's 2 attempts; the JDK's HTTP client itself resends a GET whose
		// connection closed unanswered
		assertThat(paymentService.requestsFor(id)).as("asked again").isGreaterThanOrEqualTo(2);

		publish(authorized(id));
		awaitStatus(id, "CONFIRMED");

		JsonNode confirmed = json(get(ownerOf(id), paymentOf(id)));
		assertThat(confirmed.get("source").asString()).isEqualTo("LAST_KNOWN");
		assertThat(confirmed.get("status").asString()).isEqualTo("AUTHORIZED");
		assertThat(confirmed.get("amount").decimalValue()).isEqualByComparingTo("25.00");
	}

	@Test
	void theFallbackTellsADeclineFromAnAuthorization() {
		UUID id = placeOrder(newCustomer("payment-status-declined"));
		publish(declined(id, "card_declined"));
		awaitStatus(id, "REJECTED");

		assertThat(json(get(ownerOf(id), paymentOf(id))).get("status").asString()).isEqualTo("DECLINED");
	}

	@Test
	void aWellFormedAnswerIsPassedOnLiveWithFieldsPaymentServiceAddsLaterIgnored() {
		UUID id = placeOrder(newCustomer("payment-status-live"));
		paymentService.answerJson(id,
				paymentList(id, "AUTHORIZED").replace("\"chargeId\"", "\"capturedBy\":{\"terminal\":7},\"chargeId\""));

		JsonNode payment = payment(id);

		assertThat(payment.get("source").asString()).isEqualTo("LIVE");
		assertThat(payment.get("orderId").asString()).isEqualTo(id.toString());
		assertThat(payment.get("status").asString()).isEqualTo("AUTHORIZED");
		assertThat(payment.get("amount").decimalValue()).isEqualByComparingTo("25.00");
		assertThat(payment.get("currency").asString()).isEqualTo("EUR");
		assertThat(payment.get("chargeId").asString()).isEqualTo("ch_live_1");
		assertThat(payment.get("asOf").asString()).isEqualTo("2026-01-02T03:04:05Z");
		assertThat(paymentService.requestsFor(id)).isEqualTo(1);
		assertThat(paymentService.authorizationFor(id)).as("payment-service is asked with the caller's token")
			.isEqualTo("Bearer " + ownerOf(id).token());
	}

	/**
	 * payment-service's PENDING (a charge requested, its outcome not known), and whatever
	 * state it adds next.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "PENDING", "VOIDED", "CHARGEBACK_OPENED" })
	void aStatusOrderServiceDoesNotKnowIsPassedOnAsItCame(String status) {
		UUID id = placeOrder(newCustomer("payment-status-new"));
		paymentService.answerJson(id, paymentList(id, status));

		JsonNode payment = payment(id);

		assertThat(payment.get("source").asString()).isEqualTo("LIVE");
		assertThat(payment.get("status").asString()).isEqualTo(status);
	}

	@Test
	void paymentServiceKnowingNoPaymentYetIsAnsweredFromTheLastKnownState() {
		UUID id = placeOrder(newCustomer("payment-status-none"));
		paymentService.answerJson(id, "[]");

		JsonNode payment = payment(id);

		assertThat(payment.get("source").asString()).isEqualTo("LAST_KNOWN");
		assertThat(payment.get("status").asString()).isEqualTo("UNKNOWN");
		assertThat(paymentService.requestsFor(id)).isEqualTo(1);
	}

	/** "Not now": worth one more attempt, then the fallback. */
	@ParameterizedTest
	@ValueSource(ints = { 500, 502, 503, 504, 408, 429 })
	void aTransientErrorIsRetriedOnceThenAnsweredFromTheLastKnownState(int status) {
		UUID id = confirmedOrder("payment-status-" + status);
		paymentService.answer(id, status, "application/problem+json", "{\"status\":" + status + "}");

		assertLastKnownAuthorizedQuickly(id);
		assertThat(paymentService.requestsFor(id)).as("attempts").isEqualTo(2);
	}

	@Test
	void anAnswerSlowerThanTheTimeoutIsRetriedOnceThenAnsweredFromTheLastKnownState() {
		UUID id = confirmedOrder("payment-status-slow");
		paymentService.answerJsonAfter(id, Duration.ofSeconds(2), paymentList(id, "REFUNDED"));

		assertLastKnownAuthorizedQuickly(id);
		assertThat(paymentService.requestsFor(id)).as("attempts").isEqualTo(2);
	}

	/** "Not this": the same request would get the same answer, so it is not retried. */
	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 405, 406, 409, 410, 415, 422, 451, 301, 302, 304 })
	void anyOtherStatusIsAnsweredFromTheLastKnownStateWithoutARetry(int status) {
		UUID id = confirmedOrder("payment-status-" + status);
		paymentService.answer(id, status, "application/json", status == 304 ? "" : paymentList(id, "REFUNDED"));

		assertLastKnownAuthorizedQuickly(id);
		assertThat(paymentService.requestsFor(id)).as("attempts").isEqualTo(1);
	}

	static Stream<Arguments> unreadableAnswers() {
		return Stream.of(
				unreadable("a proxy's HTML error page", "text/html",
						id -> "<html><body><h1>502 Bad Gateway</h1></body></html>"),
				unreadable("HTML declared as JSON", "application/json", id -> "<html>oops</html>"),
				unreadable("truncated JSON", "application/json", id -> paymentList(id, "REFUNDED").substring(0, 40)),
				unreadable("no content type", null, id -> paymentList(id, "REFUNDED")),
				unreadable("an empty body", "application/json", id -> ""),
				unreadable("JSON null", "application/json", id -> "null"),
				unreadable("an object, not a list", "application/json", id -> "{\"error\":\"maintenance\"}"),
				unreadable("a list of strings", "application/json", id -> "[\"REFUNDED\"]"),
				unreadable("a payment without fields", "application/json", id -> "[{}]"),
				unreadable("a payment about another order", "application/json",
						id -> paymentList(UUID.randomUUID(), "REFUNDED")),
				unreadable("an order id that is no UUID", "application/json",
						id -> paymentList(id, "REFUNDED").replace(id.toString(), "order-1")),
				unreadable("an amount that is no number", "application/json",
						id -> paymentList(id, "REFUNDED").replace("25.00", "\"lots\"")),
				unreadable("no status", "application/json",
						id -> paymentList(id, "REFUNDED").replace("\"status\":\"REFUNDED\",", "")),
				unreadable("a status that is no token", "application/json",
						id -> paymentList(id, "<script>x</script>")),
				unreadable("a lower-case status", "application/json", id -> paymentList(id, "refunded")),
				unreadable("a status that is an object", "application/json",
						id -> paymentList(id, "REFUNDED").replace("\"REFUNDED\"", "{\"code\":\"REFUNDED\"}")),
				unreadable("a list larger than any payment-service sends", "application/json", id -> {
					String one = paymentList(id, "REFUNDED");
					return "[" + (one.substring(1, one.length() - 1) + ",").repeat(400) + "{}]";
				}));
	}

	private static Arguments unreadable(String what, String contentType, Function<UUID, String> body) {
		return Arguments.of(what, contentType, body);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unreadableAnswers")
	void aBodyThatIsNotPaymentServicesListIsAnsweredFromTheLastKnownStateWithoutARetry(String what, String contentType,
			Function<UUID, String> body) {
		UUID id = confirmedOrder("payment-status-unreadable");
		paymentService.answer(id, 200, contentType, body.apply(id));

		assertLastKnownAuthorizedQuickly(id);
		assertThat(paymentService.requestsFor(id)).as("attempts").isEqualTo(1);
	}

	@Test
	void whileTheCircuitIsOpenPaymentServiceIsNotAskedAndTheLastKnownStateIsAnswered() {
		UUID id = confirmedOrder("payment-status-open");
		paymentService.answerJson(id, paymentList(id, "REFUNDED"));
		CircuitBreaker circuit = edges.named("payment-service").circuitBreaker();
		circuit.transitionToForcedOpenState();
		try {
			assertLastKnownAuthorizedQuickly(id);
		}
		finally {
			circuit.transitionToClosedState();
		}
		assertThat(paymentService.requestsFor(id)).isZero();
		assertThat(payment(id).get("status").asString()).as("once closed, asked again").isEqualTo("REFUNDED");
	}

	@Test
	void anUnknownOrderIsA404ProblemAndABadIdA400Problem() {
		TestCustomer customer = newCustomer("payment-status-unknown");

		assertProblem(get(customer, paymentOf(UUID.randomUUID())), 404);
		assertProblem(get(customer, ORDERS + "/not-a-uuid/payment"), 400);
	}

	private UUID confirmedOrder(String customerPrefix) {
		UUID id = placeOrder(newCustomer(customerPrefix));
		publish(authorized(id));
		awaitStatus(id, "CONFIRMED");
		return id;
	}

	/**
	 * The fallback, telling what the events said (authorized) rather than what the
	 * stand-in's answer says.
	 */
	private void assertLastKnownAuthorizedQuickly(UUID id) {
		long started = System.nanoTime();
		JsonNode payment = payment(id);
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(payment.get("source").asString()).isEqualTo("LAST_KNOWN");
		assertThat(payment.get("status").asString()).isEqualTo("AUTHORIZED");
		assertThat(payment.get("orderId").asString()).isEqualTo(id.toString());
		assertThat(took).isLessThan(QUICKLY);
	}

	private JsonNode payment(UUID id) {
		HttpResponse<String> response = get(ownerOf(id), paymentOf(id));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	/** payment-service's answer about the order: a list of one payment in this status. */
	private static String paymentList(UUID orderId, String status) {
		return PAYMENT_JSON.formatted(orderId, status);
	}

	private static String paymentOf(UUID id) {
		return ORDERS + "/" + id + "/payment";
	}

}
