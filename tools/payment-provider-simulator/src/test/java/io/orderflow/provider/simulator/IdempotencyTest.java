package io.orderflow.provider.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.orderflow.provider.simulator.SimulatorClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idempotency keys over real HTTP, with Stripe's rules: one execution per key, its answer
 * replayed (a 500 included), a key in flight refused at once, misuse refused.
 */
class IdempotencyTest extends RunningSimulatorTest {

	@BeforeEach
	void startClean() {
		simulator.reset();
	}

	@Test
	void sameKeyAndSameBodyReplaysTheFirstAnswerAndBooksOnce() {
		String reference = newReference();
		String key = newKey();

		Reply first = client.charge(key, "25.00", "pm_card_visa", reference);
		Reply second = client.charge(key, "25.00", "pm_card_visa", reference);

		assertThat(first.status()).isEqualTo(201);
		assertThat(first.header("Idempotent-Replayed")).isEmpty();
		assertThat(second.status()).isEqualTo(201);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.header("Idempotent-Replayed")).hasValue("true");
		assertThat(simulator.ledger().chargesFor(reference)).hasSize(1);
		assertThat(client.ledgerFor(reference).get("charges")).hasSize(1);
	}

	@Test
	void aDeclineIsReplayedToo() {
		String reference = newReference();
		String key = newKey();

		Reply first = client.charge(key, "25.00", "pm_card_chargeDeclined", reference);
		Reply second = client.charge(key, "25.00", "pm_card_chargeDeclined", reference);

		assertThat(first.status()).isEqualTo(402);
		assertThat(second.status()).isEqualTo(402);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.header("Idempotent-Replayed")).hasValue("true");
		assertThat(simulator.ledger().chargesFor(reference)).hasSize(1);
	}

	@Test
	void equalRequestsWrittenDifferentlyAreTheSameRequest() {
		String reference = newReference();
		String key = newKey();

		Reply first = client.charge(key, "25", "pm_card_visa", reference);
		Reply second = client.postJson("/v1/charges", key, """
				{ "reference": "%s", "paymentMethod": "pm_card_visa", "currency": "EUR", "amount": 25.00 }"""
			.formatted(reference));

		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.header("Idempotent-Replayed")).hasValue("true");
		assertThat(simulator.ledger().chargesFor(reference)).hasSize(1);
	}

	@Test
	void sameKeyWithAnotherBodyIsA422AndBooksNothingMore() {
		String reference = newReference();
		String key = newKey();
		Reply first = client.charge(key, "25.00", "pm_card_visa", reference);

		client.charge(key, "26.00", "pm_card_visa", reference).assertProblem(422, key);

		assertThat(first.status()).isEqualTo(201);
		assertThat(simulator.ledger().chargesFor(reference)).hasSize(1);
	}

	@Test
	void aRefusedRequestDoesNotConsumeItsKey() {
		String reference = newReference();
		String key = newKey();

		client.charge(key, "-1", "pm_card_visa", reference).assertProblem(400, "amount");
		Reply corrected = client.charge(key, "25.00", "pm_card_visa", reference);

		assertThat(corrected.status()).isEqualTo(201);
		assertThat(corrected.header("Idempotent-Replayed")).isEmpty();
	}

	@Test
	void keysAreScopedPerOperation() {
		String reference = newReference();
		String key = newKey();
		String chargeId = client.charge(key, "25.00", "pm_card_visa", reference).json().get("id").stringValue();

		Reply refund = client.refund(key, chargeId, "25.00");

		assertThat(refund.status()).isEqualTo(201);
		assertThat(refund.header("Idempotent-Replayed")).isEmpty();
	}

	@Test
	void concurrentRequestsWithTheSameKeyChargeExactlyOnceTheOthersGet409OrTheReplay() throws Exception {
		String reference = newReference();
		String key = newKey();
		int parallelRequests = 20;
		CountDownLatch startTogether = new CountDownLatch(1);
		List<Future<Reply>> futures = new ArrayList<>();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < parallelRequests; i++) {
				futures.add(executor.submit(() -> {
					startTogether.await();
					return client.charge(key, "25.00", "pm_card_visa", reference);
				}));
			}
			startTogether.countDown();
		}
		List<Reply> replies = new ArrayList<>();
		for (Future<Reply> future : futures) {
			replies.add(future.get());
		}

		List<Reply> charged = replies.stream().filter(reply -> reply.status() == 201).toList();
		List<Reply> inFlight = replies.stream().filter(reply -> reply.status() == 409).toList();
		assertThat(charged.size() + inFlight.size()).isEqualTo(parallelRequests);
		assertThat(charged).extracting(Reply::body).containsOnly(charged.get(0).body());
		assertThat(charged).filteredOn(reply -> reply.header("Idempotent-Replayed").isEmpty()).hasSize(1);
		assertThat(inFlight)
			.allSatisfy(reply -> reply.assertProblem(409, "still being executed").assertCode("idempotency_key_in_use"));
		assertThat(simulator.stats().inFlightConflicts()).isEqualTo(inFlight.size());
		assertThat(simulator.ledger().chargesFor(reference)).hasSize(1);
		assertThat(client.ledgerFor(reference).get("charges")).hasSize(1);
	}

	@Test
	void aRequestWhoseKeyIsInFlightGets409AtOnceAndTheFirstStillBooksOnce() throws Exception {
		Duration latency = Duration.ofMillis(1500);
		simulator.faults().set(FaultSettings.NONE.withLatency(latency));
		String reference = newReference();
		String key = newKey();
		Reply first;
		Reply second;
		Duration secondTook;
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<Reply> firstCall = executor.submit(() -> client.charge(key, "25.00", "pm_card_visa", reference));
			// booked: the first request now spends the latency with its key in flight
			await().atMost(Duration.ofSeconds(5)).until(() -> simulator.ledger().chargesFor(reference).size() == 1);

			long start = System.nanoTime();
			second = client.charge(key, "25.00", "pm_card_visa", reference);
			secondTook = Duration.ofNanos(System.nanoTime() - start);
			first = firstCall.get();
		}

		second.assertProblem(409, "still being executed").assertCode("idempotency_key_in_use");
		assertThat(second.header("Retry-After")).hasValue("1");
		assertThat(second.json().get("type").stringValue()).endsWith(":idempotency-key-in-use");
		assertThat(secondTook).isLessThan(latency);
		assertThat(first.status()).isEqualTo(201);
		assertThat(first.header("Idempotent-Replayed")).isEmpty();
		simulator.faults().reset();
		Reply third = client.charge(key, "25.00", "pm_card_visa", reference);
		assertThat(third.status()).isEqualTo(201);
		assertThat(third.header("Idempotent-Replayed")).hasValue("true");
		assertThat(third.body()).isEqualTo(first.body());
		assertThat(simulator.ledger().chargesFor(reference)).hasSize(1);
		assertThat(simulator.stats().inFlightConflicts()).isEqualTo(1);
	}

	@Test
	void a500BeforeTheEffectIsStoredAndReplayedWhileNothingIsBooked() {
		String reference = newReference();
		String key = newKey();
		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(500));

		Reply first = client.charge(key, "25.00", "pm_card_visa", reference)
			.assertProblem(500, "before the request took effect")
			.assertCode(null);
		simulator.faults().reset();
		Reply retry = client.charge(key, "25.00", "pm_card_visa", reference);

		assertThat(first.header("Idempotent-Replayed")).isEmpty();
		retry.assertProblem(500, "before the request took effect");
		assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
		assertThat(retry.body()).isEqualTo(first.body());
		assertThat(simulator.ledger().chargesFor(reference)).isEmpty();
		assertThat(simulator.stats().injectedErrors()).isEqualTo(1);
		assertThat(client.charge(newKey(), "25.00", "pm_card_visa", reference).status()).isEqualTo(201);
	}

	@Test
	void a500AfterTheEffectIsStoredAndReplayedAndTheChargeStaysBooked() {
		String reference = newReference();
		String key = newKey();
		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(500).withErrorAfterEffect(true));

		Reply first = client.charge(key, "25.00", "pm_card_visa", reference)
			.assertProblem(500, "after the request took effect");
		simulator.faults().reset();
		Reply retry = client.charge(key, "25.00", "pm_card_visa", reference);

		retry.assertProblem(500, "after the request took effect");
		assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
		assertThat(retry.body()).isEqualTo(first.body());
		assertThat(simulator.ledger().chargesFor(reference)).singleElement()
			.satisfies(charge -> assertThat(charge.succeeded()).isTrue());
	}

	@ParameterizedTest
	@ValueSource(ints = { 502, 503, 504 })
	void aGatewayErrorAfterTheEffectLosesTheAnswerAndARetryGetsTheRealOneReplayed(int status) {
		String reference = newReference();
		String key = newKey();
		simulator.faults()
			.set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(status).withErrorAfterEffect(true));

		client.charge(key, "25.00", "pm_card_visa", reference).assertProblem(status, "may have taken effect");
		simulator.faults().reset();
		Reply retry = client.charge(key, "25.00", "pm_card_visa", reference);

		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
		assertThat(simulator.ledger().chargesFor(reference)).singleElement()
			.satisfies(charge -> assertThat(charge.id()).isEqualTo(retry.json().get("id").stringValue()));
	}

	@Test
	void aDeclineLostByTheGatewayIsReplayedAsTheDecline() {
		String reference = newReference();
		String key = newKey();
		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(502).withErrorAfterEffect(true));

		client.charge(key, "25.00", "pm_card_chargeDeclined", reference).assertProblem(502, "no valid answer");
		simulator.faults().reset();
		Reply retry = client.charge(key, "25.00", "pm_card_chargeDeclined", reference);

		assertThat(retry.status()).isEqualTo(402);
		assertThat(retry.json().get("declineCode").stringValue()).isEqualTo("card_declined");
		assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
	}

	@Test
	void aNonJson200IsBookedAndARetryAfterTheModeIsOffGetsTheRealAnswerReplayed() {
		String reference = newReference();
		String key = newKey();
		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0).withNonJsonOk(true));

		Reply first = client.charge(key, "25.00", "pm_card_visa", reference);

		assertThat(first.status()).isEqualTo(200);
		assertThat(first.header("Content-Type")).hasValue("text/html");
		assertThat(first.body()).startsWith("<!DOCTYPE html>").doesNotContain("ch_");
		assertThat(simulator.ledger().chargesFor(reference)).hasSize(1);
		simulator.faults().reset();
		Reply retry = client.charge(key, "25.00", "pm_card_visa", reference);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header("Content-Type")).hasValue("application/json");
		assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
		assertThat(retry.json().get("id").stringValue())
			.isEqualTo(simulator.ledger().chargesFor(reference).get(0).id());
		assertThat(simulator.stats().injectedErrors()).isEqualTo(1);
	}

	@Test
	void aRefusalFoundWhileExecutingIsStoredUnderItsKey() {
		String key = newKey();

		Reply first = client.refund(key, "ch_doesnotexist", "1.00").assertProblem(404, "ch_doesnotexist");
		Reply retry = client.refund(key, "ch_doesnotexist", "1.00");

		assertThat(retry.body()).isEqualTo(first.body());
		assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
		client.refund(key, "ch_other", "1.00").assertProblem(422, key);
	}

}
