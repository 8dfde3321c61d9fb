package io.orderflow.provider.simulator;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.orderflow.provider.simulator.SimulatorClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Latency and errors injected at runtime, their settings, the stats that count them, and
 * the reset.
 */
class FaultInjectionTest extends RunningSimulatorTest {

	@BeforeEach
	void startClean() {
		simulator.reset();
	}

	@Test
	void noFaultsAtStart() {
		Reply reply = client.get("/v1/admin/faults");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo("""
				{"latencyMs":0,"errorRate":0.0,"errorStatus":503,"errorAfterEffect":false,"nonJsonOk":false,\
				"rateLimitPerSecond":0}""");
	}

	@Test
	void aPutReplacesTheWholeSettingAndAbsentNewFieldsTakeTheirDefaults() {
		Reply full = client.putJson("/v1/admin/faults", """
				{"latencyMs":5,"errorRate":0.5,"errorStatus":500,"errorAfterEffect":true,"nonJsonOk":true,\
				"rateLimitPerSecond":7}""");
		assertThat(full.status()).isEqualTo(200);
		assertThat(simulator.faults().settings())
			.isEqualTo(new FaultSettings(Duration.ofMillis(5), 0.5, 500, true, true, 7));

		setFaults(0, 0.0);

		assertThat(simulator.faults().settings()).isEqualTo(FaultSettings.NONE);
	}

	@Test
	void errorRateOneAnswers503BooksNothingAndLeavesTheKeyForARetry() {
		String reference = newReference();
		String key = newKey();
		String chargeId = client.approvedCharge("25.00", reference);
		setFaults(0, 1.0);

		Reply charge = client.charge(key, "25.00", "pm_card_visa", reference)
			.assertProblem(503, "temporarily unavailable");
		client.refund(newKey(), chargeId, "25.00").assertProblem(503, "temporarily unavailable");

		assertThat(charge.header("Retry-After")).hasValue("1");
		assertThat(simulator.ledger().chargesFor(reference)).hasSize(1);
		assertThat(simulator.ledger().refundsFor(reference)).isEmpty();
		assertThat(simulator.stats().injectedErrors()).isEqualTo(2);

		setFaults(0, 0.0);
		Reply retry = client.charge(key, "25.00", "pm_card_visa", reference);

		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header("Idempotent-Replayed")).isEmpty();
		assertThat(simulator.ledger().chargesFor(reference)).hasSize(2);
	}

	@Test
	void errorRateAppliesToThatFractionOfRequests() {
		setFaults(0, 0.5);
		int requests = 200;
		int unavailable = 0;
		for (int i = 0; i < requests; i++) {
			// an invalid charge is cheap and books nothing; the fault strikes before
			// validation
			Reply reply = client.charge(newKey(), "-1", "pm_card_visa", "fraction");
			assertThat(reply.status()).isIn(400, 503);
			unavailable += (reply.status() == 503) ? 1 : 0;
		}

		// binomial(200, 0.5) lies outside [60, 140] with a probability below 1e-8
		assertThat(unavailable).isBetween(60, 140);
		assertThat(simulator.stats().injectedErrors()).isEqualTo(unavailable);
		assertThat(simulator.stats().requests("POST /v1/charges")).isEqualTo(requests);
	}

	@Test
	void latencyDelaysEveryChargeAnswer() {
		Duration latency = Duration.ofMillis(300);
		setFaults(latency.toMillis(), 0.0);

		long start = System.nanoTime();
		Reply reply = client.charge(newKey(), "25.00", "pm_card_visa", newReference());
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(reply.status()).isEqualTo(201);
		assertThat(elapsed).isGreaterThanOrEqualTo(latency);
	}

	@Test
	void anAnswerHeldByLatencyIsCountedUntilItIsSent() throws Exception {
		simulator.faults().set(FaultSettings.NONE.withLatency(Duration.ofMillis(500)));
		String reference = newReference();

		CompletableFuture<Reply> charge = CompletableFuture
			.supplyAsync(() -> client.charge(newKey(), "25.00", "pm_card_visa", reference));
		await().atMost(Duration.ofSeconds(5)).until(() -> simulator.stats().heldAnswers() == 1);
		boolean bookedWhileHeld = simulator.ledger().chargesFor(reference).size() == 1;

		assertThat(charge.get(5, TimeUnit.SECONDS).status()).isEqualTo(201);
		assertThat(bookedWhileHeld).as("the charge is booked before its answer is held").isTrue();
		assertThat(simulator.stats().heldAnswers()).isZero();
	}

	@Test
	void latencyDoesNotDelayAnAnswerThatNeedsNoExecution() {
		String key = newKey();
		String reference = newReference();
		client.charge(key, "25.00", "pm_card_visa", reference);
		Duration latency = Duration.ofSeconds(2);
		simulator.faults().set(FaultSettings.NONE.withLatency(latency));

		long start = System.nanoTime();
		Reply replay = client.charge(key, "25.00", "pm_card_visa", reference);
		Reply invalid = client.charge(newKey(), "-1", "pm_card_visa", reference);
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(replay.header("Idempotent-Replayed")).hasValue("true");
		assertThat(invalid.status()).isEqualTo(400);
		assertThat(elapsed).isLessThan(latency);
	}

	@Test
	void latencyDoesNotDelayTheAdminApi() {
		simulator.faults().set(Duration.ofSeconds(30), 0.0);

		long start = System.nanoTime();
		Reply reply = client.get("/v1/admin/faults");
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

		assertThat(reply.json().get("latencyMs").longValue()).isEqualTo(30_000);
		assertThat(elapsed).isLessThan(Duration.ofSeconds(30));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '^',
			textBlock = """
					{"latencyMs":-1,"errorRate":0}         | 'latencyMs' must be between 0 and 60000
					{"latencyMs":60001,"errorRate":0}      | 'latencyMs' must be between 0 and 60000
					{"latencyMs":1.5,"errorRate":0}        | 'latencyMs' must be a whole number
					{"latencyMs":0,"errorRate":1.01}       | 'errorRate' must be between 0.0 and 1.0
					{"latencyMs":0,"errorRate":-0.1}       | 'errorRate' must be between 0.0 and 1.0
					{"latencyMs":0,"errorRate":"half"}     | 'errorRate' must be a JSON number
					{"latencyMs":0}                        | 'errorRate' is required
					{"errorRate":0}                        | 'latencyMs' is required
					{"latencyMs":0,"errorRate":0,"errorStatus":200}      | 'errorStatus' must be one of [401, 403, 404, 408, 429, 500, 502, 503, 504], was 200
					{"latencyMs":0,"errorRate":0,"errorStatus":"503"}    | 'errorStatus' must be a whole number
					{"latencyMs":0,"errorRate":0,"errorStatus":1e99}     | 'errorStatus' must be a whole number
					{"latencyMs":0,"errorRate":0,"errorStatus":99999999999} | 'errorStatus' is out of range
					{"latencyMs":0,"errorRate":0,"errorStatus":429,"errorAfterEffect":true} | 'errorAfterEffect' applies only to an errorStatus of [500, 502, 503, 504]
					{"latencyMs":0,"errorRate":0,"errorAfterEffect":"yes"} | 'errorAfterEffect' must be true or false
					{"latencyMs":0,"errorRate":0,"nonJsonOk":1}          | 'nonJsonOk' must be true or false
					{"latencyMs":0,"errorRate":0,"rateLimitPerSecond":-1} | 'rateLimitPerSecond' must be between 0 (no limit) and 100000
					{"latencyMs":0,"errorRate":0,"rateLimitPerSecond":100001} | 'rateLimitPerSecond' must be between 0 (no limit) and 100000
					{"latencyMs":0,"errorRate":0,"rateLimitPerSecond":2.5} | 'rateLimitPerSecond' must be a whole number
					{"latencyMs":0,"errorRate":0,"errorstatus":500}      | Unknown field(s) [errorstatus]
					""")
	void invalidFaultSettingsAreRefusedAndChangeNothing(String body, String detail) {
		client.putJson("/v1/admin/faults", body).assertProblem(400, detail);

		assertThat(simulator.faults().settings()).isEqualTo(FaultSettings.NONE);
	}

	@Test
	void faultsSetFromJavaAreVisibleOverHttpAndValidated() {
		simulator.faults().set(Duration.ofMillis(1500), 0.25);

		JsonNode faults = client.get("/v1/admin/faults").json();

		assertThat(faults.get("latencyMs").longValue()).isEqualTo(1500);
		assertThat(faults.get("errorRate").doubleValue()).isEqualTo(0.25);
		assertThat(faults.get("errorStatus").intValue()).isEqualTo(503);
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.faults().set(Duration.ofMinutes(2), 0))
			.withMessageContaining("was 120000");
		assertThatIllegalArgumentException().isThrownBy(() -> simulator.faults().set(Duration.ZERO, Double.NaN));
	}

	@Test
	void faultSettingsAreBuiltWithWithersFromNone() {
		FaultSettings settings = FaultSettings.NONE.withLatency(Duration.ofMillis(20))
			.withErrorRate(0.5)
			.withErrorStatus(502)
			.withErrorAfterEffect(true)
			.withNonJsonOk(true)
			.withRateLimitPerSecond(9);
		simulator.faults().set(settings);

		assertThat(client.get("/v1/admin/faults").body()).isEqualTo("""
				{"latencyMs":20,"errorRate":0.5,"errorStatus":502,"errorAfterEffect":true,"nonJsonOk":true,\
				"rateLimitPerSecond":9}""");
		assertThat(FaultSettings.NONE).isEqualTo(new FaultSettings(Duration.ZERO, 0.0, 503, false, false, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> FaultSettings.NONE.withErrorStatus(418))
			.withMessageContaining("'errorStatus' must be one of");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultSettings.NONE.withErrorStatus(401).withErrorAfterEffect(true))
			.withMessageContaining("'errorAfterEffect' applies only");
		assertThatIllegalArgumentException().isThrownBy(() -> FaultSettings.NONE.withRateLimitPerSecond(-1));
		assertThatIllegalArgumentException().isThrownBy(() -> FaultSettings.NONE.withLatency(null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> FaultSettings.NONE.withLatency(Duration.ofDays(Long.MAX_VALUE / 86_400)))
			.withMessageContaining("'latencyMs' must be between 0 and 60000");
	}

	@Test
	void statsCountRequestsPerEndpoint() {
		String reference = newReference();
		String chargeId = client.approvedCharge("25.00", reference);
		client.charge("replayed-" + reference, "1.00", "pm_card_visa", reference);
		client.charge("replayed-" + reference, "1.00", "pm_card_visa", reference);
		client.refund(newKey(), chargeId, "1.00");

		JsonNode stats = client.get("/v1/admin/stats").json();

		assertThat(stats.get("requests").get("POST /v1/charges").longValue()).isEqualTo(3);
		assertThat(stats.get("requests").get("POST /v1/refunds").longValue()).isEqualTo(1);
		assertThat(stats.get("injectedErrors").longValue()).isZero();
		assertThat(stats.get("idempotentReplays").longValue()).isEqualTo(1);
		assertThat(stats.get("unauthorized").longValue()).isZero();
		assertThat(stats.get("rateLimited").longValue()).isZero();
		assertThat(stats.get("inFlightConflicts").longValue()).isZero();
		assertThat(simulator.stats().requests("POST /v1/charges")).isEqualTo(3);
	}

	@Test
	void statsCountEveryUnfriendlyAnswer() {
		client.withAuthorization(null).charge(newKey(), "25.00", "pm_card_visa", newReference());
		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(401));
		client.charge(newKey(), "25.00", "pm_card_visa", newReference());
		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(429));
		client.charge(newKey(), "25.00", "pm_card_visa", newReference());
		simulator.faults().set(FaultSettings.NONE.withRateLimitPerSecond(1));
		client.charge(newKey(), "25.00", "pm_card_visa", newReference());
		client.charge(newKey(), "25.00", "pm_card_visa", newReference());

		JsonNode stats = client.get("/v1/admin/stats").json();

		assertThat(stats.get("requests").get("POST /v1/charges").longValue()).isEqualTo(5);
		assertThat(stats.get("unauthorized").longValue()).isEqualTo(2);
		assertThat(stats.get("rateLimited").longValue()).isEqualTo(2);
		assertThat(stats.get("injectedErrors").longValue()).isEqualTo(2);
		assertThat(simulator.stats().unauthorized()).isEqualTo(2);
		assertThat(simulator.stats().rateLimited()).isEqualTo(2);
		assertThat(simulator.stats().injectedErrors()).isEqualTo(2);
	}

	@Test
	void resetForgetsLedgerKeysFaultsAndStats() {
		String reference = newReference();
		String key = newKey();
		client.charge(key, "25.00", "pm_card_visa", reference);
		simulator.faults().set(FaultSettings.NONE.withRateLimitPerSecond(1));
		client.charge(newKey(), "25.00", "pm_card_visa", reference);
		client.charge(newKey(), "25.00", "pm_card_visa", reference).assertProblem(429, "Too many requests");
		setFaults(100, 0.5);

		Reply reply = client.post("/v1/admin/reset");

		assertThat(reply.status()).isEqualTo(204);
		assertThat(simulator.ledger().charges()).isEmpty();
		assertThat(simulator.faults().settings()).isEqualTo(FaultSettings.NONE);
		assertThat(simulator.stats().requests("POST /v1/charges")).isZero();
		assertThat(simulator.stats().rateLimited()).isZero();
		Reply again = client.charge(key, "25.00", "pm_card_visa", reference);
		assertThat(again.status()).isEqualTo(201);
		assertThat(again.header("Idempotent-Replayed")).isEmpty();
	}

	private static void setFaults(long latencyMs, double errorRate) {
		Reply reply = client.putJson("/v1/admin/faults", """
				{"latencyMs":%d,"errorRate":%s}""".formatted(latencyMs, errorRate));
		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("latencyMs").longValue()).isEqualTo(latencyMs);
		assertThat(reply.json().get("errorRate").doubleValue()).isEqualTo(errorRate);
	}

}
