package io.orderflow.provider.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.orderflow.provider.simulator.SimulatorClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The rate limit of the provider's API: {@code 429} with {@code Retry-After} above it,
 * nothing stored.
 */
class RateLimitTest extends RunningSimulatorTest {

	private static final int RATE = 3;

	@BeforeEach
	void startClean() {
		simulator.reset();
	}

	@Test
	void aboveTheRateCallsGet429WithRetryAfterAndPassAgainWithinASecond() {
		simulator.faults().set(FaultSettings.NONE.withRateLimitPerSecond(RATE));
		String reference = newReference();
		List<Reply> replies = new ArrayList<>();
		List<String> keys = new ArrayList<>();

		long start = System.nanoTime();
		for (int i = 0; i < 10; i++) {
			keys.add(newKey());
			replies.add(client.charge(keys.get(i), "1.00", "pm_card_visa", reference));
		}
		double seconds = (System.nanoTime() - start) / 1e9;

		List<Reply> passed = replies.stream().filter(reply -> reply.status() == 201).toList();
		List<Reply> limited = replies.stream().filter(reply -> reply.status() == 429).toList();
		assertThat(passed.size() + limited.size()).isEqualTo(10);
		// a full bucket lets the first RATE through; it refills at RATE per second
		// meanwhile
		assertThat(replies.subList(0, RATE)).extracting(Reply::status).containsOnly(201);
		assertThat(passed.size()).isLessThanOrEqualTo(RATE + (int) Math.ceil(seconds * RATE));
		assertThat(limited).isNotEmpty().allSatisfy(reply -> {
			reply.assertProblem(429, "at most 3 API calls per second").assertCode("rate_limit");
			assertThat(reply.json().get("type").stringValue()).endsWith(":rate-limited");
			assertThat(reply.header("Retry-After")).hasValue("1");
		});
		assertThat(simulator.ledger().chargesFor(reference)).hasSize(passed.size());
		assertThat(simulator.stats().rateLimited()).isEqualTo(limited.size());
		assertThat(simulator.stats().requests("POST /v1/charges")).isEqualTo(10);

		String limitedKey = keys.get(replies.indexOf(limited.get(0)));
		Reply retry = await().atMost(Duration.ofSeconds(2))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> client.charge(limitedKey, "1.00", "pm_card_visa", reference), reply -> reply.status() == 201);
		assertThat(retry.header("Idempotent-Replayed")).as("a 429 stores nothing under its key").isEmpty();
	}

	@Test
	void theLimitCoversTheApiEndpointsTogetherButNotTheTestToolsOnes() {
		String chargeId = client.approvedCharge("25.00", newReference());
		simulator.faults().set(FaultSettings.NONE.withRateLimitPerSecond(1));

		assertThat(client.refund(newKey(), chargeId, "1.00").status()).isEqualTo(201);
		client.charge(newKey(), "1.00", "pm_card_visa", newReference()).assertProblem(429, "Too many requests");

		assertThat(client.get("/v1/ledger").status()).isEqualTo(200);
		assertThat(client.get("/v1/admin/stats").status()).isEqualTo(200);
		assertThat(client.get("/health").status()).isEqualTo(200);
	}

	@Test
	void theKeyIsCheckedBeforeTheRateLimit() {
		simulator.faults().set(FaultSettings.NONE.withRateLimitPerSecond(1));
		SimulatorClient noKey = client.withAuthorization(null);

		noKey.charge(newKey(), "1.00", "pm_card_visa", newReference()).assertProblem(401, "No API key");
		noKey.charge(newKey(), "1.00", "pm_card_visa", newReference()).assertProblem(401, "No API key");

		assertThat(client.charge(newKey(), "1.00", "pm_card_visa", newReference()).status()).isEqualTo(201);
		assertThat(simulator.stats().rateLimited()).isZero();
	}

	@Test
	void zeroMeansNoLimit() {
		simulator.faults().set(FaultSettings.NONE.withRateLimitPerSecond(0));

		for (int i = 0; i < 50; i++) {
			assertThat(client.charge(newKey(), "1.00", "pm_card_visa", newReference()).status()).isEqualTo(201);
		}
		assertThat(simulator.stats().rateLimited()).isZero();
	}

}
