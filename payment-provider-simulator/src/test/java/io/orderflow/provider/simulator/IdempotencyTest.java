package io.orderflow.provider.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.orderflow.provider.simulator.SimulatorClient.Reply;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Idempotency keys over real HTTP: one booking per key, the first answer replayed, misuse refused. */
class IdempotencyTest extends RunningSimulatorTest {

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
	void concurrentRequestsWithTheSameKeyChargeExactlyOnce() throws Exception {
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

		assertThat(replies).extracting(Reply::status).containsOnly(201);
		assertThat(replies).extracting(Reply::body).containsOnly(replies.get(0).body());
		assertThat(replies).filteredOn(reply -> reply.header("Idempotent-Replayed").isEmpty()).hasSize(1);
		assertThat(simulator.ledger().chargesFor(reference)).hasSize(1);
		assertThat(client.ledgerFor(reference).get("charges")).hasSize(1);
	}

}
