package io.orderflow.provider.simulator;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.stream.Stream;

import io.orderflow.provider.simulator.SimulatorClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every call of the provider's API needs {@code Authorization: Bearer <secret key>}; the
 * test tool's own endpoints do not.
 */
class ApiKeyTest extends RunningSimulatorTest {

	@BeforeEach
	void startClean() {
		simulator.reset();
	}

	/**
	 * A call of one endpoint of the provider's API, given a client and a charge it may
	 * refund.
	 */
	@FunctionalInterface
	interface ApiCall {

		Reply call(SimulatorClient client, String chargeId);

	}

	static Stream<Arguments> apiCalls() {
		return Stream.of(
				Arguments.of("POST /v1/charges",
						(ApiCall) (c, chargeId) -> c.charge(newKey(), "25.00", "pm_card_visa", newReference())),
				Arguments.of("POST /v1/refunds", (ApiCall) (c, chargeId) -> c.refund(newKey(), chargeId, "25.00")),
				Arguments.of("GET /v1/charges", (ApiCall) (c, chargeId) -> c.get("/v1/charges?reference=any")),
				Arguments.of("GET /v1/refunds", (ApiCall) (c, chargeId) -> c.get("/v1/refunds?charge=" + chargeId)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("apiCalls")
	void withoutAKeyTheApiAnswers401ApiKeyMissingAndBooksNothing(String endpoint, ApiCall apiCall) {
		String chargeId = client.approvedCharge("25.00", newReference());
		Ledger.Entries before = simulator.ledger().entries();
		long requestsBefore = simulator.stats().requests(endpoint);

		Reply reply = apiCall.call(client.withAuthorization(null), chargeId).assertProblem(401, "No API key provided");

		reply.assertCode("api_key_missing");
		assertThat(reply.json().get("type").stringValue()).endsWith(":unauthorized");
		assertThat(reply.header("WWW-Authenticate")).hasValue("Bearer realm=\"payment-provider\"");
		assertThat(simulator.ledger().entries()).isEqualTo(before);
		assertThat(simulator.stats().requests(endpoint)).isEqualTo(requestsBefore + 1);
		assertThat(simulator.stats().unauthorized()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("apiCalls")
	void withAWrongKeyTheApiAnswers401ApiKeyInvalid(String endpoint, ApiCall apiCall) {
		String chargeId = client.approvedCharge("25.00", newReference());
		Ledger.Entries before = simulator.ledger().entries();

		Reply reply = apiCall.call(client.withAuthorization("Bearer " + simulator.apiKey() + "x"), chargeId)
			.assertProblem(401, "Invalid API key");

		reply.assertCode("api_key_invalid");
		assertThat(reply.header("WWW-Authenticate")).hasValue("Bearer realm=\"payment-provider\"");
		assertThat(reply.body()).doesNotContain(simulator.apiKey());
		assertThat(simulator.ledger().entries()).isEqualTo(before);
		assertThat(simulator.stats().unauthorized()).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("apiCalls")
	void withTheKeyTheApiAnswers(String endpoint, ApiCall apiCall) {
		String chargeId = client.approvedCharge("25.00", newReference());

		Reply reply = apiCall.call(client, chargeId);

		assertThat(reply.status()).as(reply.body()).isBetween(200, 201);
		assertThat(simulator.stats().unauthorized()).isZero();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Basic c2tfdGVzdDo=", "Bearer", "Bearer   ", "Token abc", "" })
	void aMalformedAuthorizationHeaderIsA401(String header) {
		String reference = newReference();

		Reply reply = client.withAuthorization(header)
			.charge(newKey(), "25.00", "pm_card_visa", reference)
			.assertProblem(401, "Authorization");

		assertThat(reply.json().get("code").stringValue()).isIn("api_key_missing", "api_key_invalid");
		assertThat(simulator.ledger().chargesFor(reference)).isEmpty();
	}

	@Test
	void theSchemeIsCaseInsensitiveAsHttpSays() {
		Reply reply = client.withAuthorization("bearer " + simulator.apiKey())
			.charge(newKey(), "25.00", "pm_card_visa", newReference());

		assertThat(reply.status()).isEqualTo(201);
	}

	@Test
	void twoAuthorizationHeadersAreA401() {
		Reply reply = client.send(client.request("/v1/charges")
			.header("Authorization", "Bearer " + simulator.apiKey())
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", newKey())
			.POST(BodyPublishers.ofString(SimulatorClient.chargeBody("25.00", "pm_card_visa", newReference()))));

		reply.assertProblem(401, "exactly one Authorization header").assertCode("api_key_invalid");
	}

	@Test
	void theKeyIsCheckedBeforeTheBodyTheIdempotencyKeyAndTheFaults() {
		String key = newKey();
		String reference = newReference();
		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0));
		SimulatorClient noKey = client.withAuthorization(null);

		noKey.postJson("/v1/charges", null, "not json").assertProblem(401, "No API key");
		noKey.charge(key, "25.00", "pm_card_visa", reference).assertProblem(401, "No API key");

		assertThat(simulator.stats().injectedErrors()).isZero();
		simulator.faults().reset();
		Reply withKey = client.charge(key, "25.00", "pm_card_visa", reference);
		assertThat(withKey.status()).isEqualTo(201);
		assertThat(withKey.header("Idempotent-Replayed")).isEmpty();
		assertThat(simulator.ledger().chargesFor(reference)).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/v1/ledger", "/v1/admin/faults", "/v1/admin/stats", "/health" })
	void theTestToolsEndpointsNeedNoKey(String path) {
		assertThat(client.withAuthorization(null).get(path).status()).isEqualTo(200);
	}

	@Test
	void theTestToolsWritingEndpointsNeedNoKey() {
		SimulatorClient noKey = client.withAuthorization(null);

		assertThat(noKey.putJson("/v1/admin/faults", "{\"latencyMs\":0,\"errorRate\":0}").status()).isEqualTo(200);
		assertThat(noKey.post("/v1/admin/reset").status()).isEqualTo(204);
	}

}
