package io.orderflow.order.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.orderflow.order.OrderServiceIntegrationTestBase;
import io.orderflow.testsupport.identity.TestCustomer;
import io.orderflow.testsupport.identity.TestIdentities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Integration: who may act on an order (I10). Without a valid token of orderflow's
 * identity provider for order-service nothing is read or changed, and the answer is a
 * {@code 401} problem with a bearer challenge; a customer's valid token reaches that
 * customer's orders only, and someone else's order is {@code 404}, exactly as an order
 * that does not exist; the operator's token is for the operator's resources.
 */
class HostileIdentityIT extends OrderServiceIntegrationTestBase {

	/** Each endpoint, as a request for an order that exists. */
	enum Endpoint {

		PLACE(id -> HttpRequest.newBuilder().POST(BodyPublishers.ofString(BRIEF_BODY))),

		LIST(id -> HttpRequest.newBuilder().GET()),

		READ(id -> HttpRequest.newBuilder().GET()),

		CANCEL(id -> HttpRequest.newBuilder().POST(BodyPublishers.noBody())),

		PAYMENT(id -> HttpRequest.newBuilder().GET());

		private final Function<UUID, HttpRequest.Builder> request;

		Endpoint(Function<UUID, HttpRequest.Builder> request) {
			this.request = request;
		}

		String path(UUID orderId) {
			return switch (this) {
				case PLACE, LIST -> ORDERS;
				case READ -> ORDERS + "/" + orderId;
				case CANCEL -> ORDERS + "/" + orderId + "/cancel";
				case PAYMENT -> ORDERS + "/" + orderId + "/payment";
			};
		}

	}

	static Stream<Arguments> tokensOfNobody() throws Exception {
		RSAKey stranger = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
		JWTClaimsSet claims = claimsOf("c-42", "c-42@example.com");
		return Stream.of(Arguments.of("no token", null), Arguments.of("empty", ""),
				Arguments.of("not a JWT", "not-a-token"), Arguments.of("three garbage parts", "a.b.c"),
				Arguments.of("alg none", new PlainJWT(claims).serialize()),
				Arguments.of("signed by another key", signed(stranger, claims)),
				Arguments.of("a JWT of 8 KB", "e" + "x".repeat(6000) + ".e30.x"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tokensOfNobody")
	void aRequestWithoutAValidTokenIsA401ProblemOnEveryEndpointAndChangesNothing(String kind, String token) {
		UUID orderId = placeOrder(newCustomer("identity"));
		long ordersBefore = allOrders();

		for (Endpoint endpoint : Endpoint.values()) {
			HttpRequest.Builder request = endpoint.request.apply(orderId)
				.uri(uri(endpoint.path(orderId)))
				.header("Content-Type", "application/json");
			if (token != null) {
				request.header("Authorization", "Bearer " + token);
			}
			HttpResponse<String> response = send(request);

			assertProblem(response, 401);
			assertThat(response.headers().firstValue("WWW-Authenticate")).as(endpoint + " with " + kind)
				.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
		}
		assertThat(allOrders()).as("nothing stored").isEqualTo(ordersBefore);
		assertThat(status(orderId)).as("nothing cancelled").isEqualTo("PENDING");
	}

	@Test
	void anotherCustomersOrderIsNotFoundOnEveryEndpointAndStaysAsItWas() {
		UUID adas = placeOrder(newCustomer("ada"));
		TestCustomer eve = newCustomer("eve");
		UUID unknown = UUID.randomUUID();

		for (Endpoint endpoint : List.of(Endpoint.READ, Endpoint.CANCEL, Endpoint.PAYMENT)) {
			HttpResponse<String> foreign = asCustomer(eve, endpoint, adas);
			HttpResponse<String> missing = asCustomer(eve, endpoint, unknown);

			assertProblem(foreign, 404);
			assertProblem(missing, 404);
			assertThat(json(foreign).get("title")).as("indistinguishable from an order that does not exist")
				.isEqualTo(json(missing).get("title"));
		}
		assertThat(status(adas)).isEqualTo("PENDING");
		assertThat(json(get(eve, ORDERS)).get("totalElements").asLong()).isZero();
	}

	@Test
	void theOperatorIsForbiddenTheCustomersApiAndACustomerTheOperatorsResources() {
		TestCustomer customer = newCustomer("not-an-operator");
		String operator = TestIdentities.operatorToken();

		HttpResponse<String> operatorOnOrders = send(
				HttpRequest.newBuilder(uri(ORDERS)).header("Authorization", "Bearer " + operator).GET());
		HttpResponse<String> customerOnDeadLetters = get(customer, "/admin/dead-letters");
		HttpResponse<String> customerOnMetrics = get(customer, "/actuator/prometheus");
		HttpResponse<String> operatorOnDeadLetters = send(
				HttpRequest.newBuilder(uri("/admin/dead-letters")).header("Authorization", "Bearer " + operator).GET());

		assertProblem(operatorOnOrders, 403);
		assertProblem(customerOnDeadLetters, 403);
		assertProblem(customerOnMetrics, 403);
		assertThat(operatorOnDeadLetters.statusCode()).as(operatorOnDeadLetters.body()).isEqualTo(200);
		assertThat(get("/actuator/health").statusCode()).as("health needs no token").isEqualTo(200);
	}

	private HttpResponse<String> asCustomer(TestCustomer customer, Endpoint endpoint, UUID orderId) {
		return send(endpoint.request.apply(orderId)
			.uri(uri(endpoint.path(orderId)))
			.header("Authorization", "Bearer " + customer.token()));
	}

	private long allOrders() {
		return jdbc.sql("select count(*) from customer_order").query(Long.class).single();
	}

	private static JWTClaimsSet claimsOf(String customerId, String email) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(TestIdentities.server().issuer().toString())
			.subject(customerId)
			.claim("email", email)
			.audience("order-service")
			.claim("scope", List.of("orderflow.orders"))
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.build();
	}

	private static String signed(RSAKey key, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

}
