package io.orderflow.provider.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.orderflow.provider.simulator.SimulatorClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /v1/charges?reference=} and {@code GET /v1/refunds?charge=}: how a caller
 * whose outcome is unknown finds out what the provider booked.
 */
class LookupTest extends RunningSimulatorTest {

	@BeforeEach
	void startClean() {
		simulator.reset();
	}

	@Test
	void chargesOfAReferenceAreListedOldestFirstApprovedAndDeclinedAsTheChargeAnswerShowedThem() {
		String reference = newReference();
		Reply declined = client.charge(newKey(), "25.00", "pm_card_chargeDeclined", reference);
		Reply approved = client.charge(newKey(), "25.00", "pm_card_visa", reference);
		client.approvedCharge("9.00", newReference());

		Reply reply = client.get("/v1/charges?reference=" + reference);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.header("Content-Type")).hasValue("application/json");
		assertThat(reply.body()).isEqualTo(
				"{\"object\":\"list\",\"data\":[" + declined.body() + "," + approved.body() + "],\"hasMore\":false}");
	}

	@Test
	void aReferenceWithoutChargesIsAnEmptyList() {
		Reply reply = client.get("/v1/charges?reference=order-never-charged");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body()).isEqualTo("{\"object\":\"list\",\"data\":[],\"hasMore\":false}");
	}

	@Test
	void aReferenceThatNeedsEncodingIsFound() {
		String reference = "order 1/2&3=" + newKey();
		client.approvedCharge("1.00", reference);

		JsonNode list = client.get("/v1/charges?reference=" + URLEncoder.encode(reference, StandardCharsets.UTF_8))
			.json();

		assertThat(list.get("data")).singleElement()
			.satisfies(charge -> assertThat(charge.get("reference").stringValue()).isEqualTo(reference));
	}

	@Test
	void refundsOfAChargeAreListedOldestFirst() {
		String reference = newReference();
		String chargeId = client.approvedCharge("25.00", reference);
		Reply first = client.refund(newKey(), chargeId, "10.00");
		Reply second = client.refund(newKey(), chargeId, "5.00");
		client.refund(newKey(), client.approvedCharge("3.00", newReference()), "3.00");

		Reply reply = client.get("/v1/refunds?charge=" + chargeId);

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.body())
			.isEqualTo("{\"object\":\"list\",\"data\":[" + first.body() + "," + second.body() + "],\"hasMore\":false}");
		assertThat(client.get("/v1/refunds?charge=ch_unknown").json().get("data")).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			/v1/charges                              | Query parameter 'reference' is required
			/v1/charges?reference=                   | Query parameter 'reference' is required
			/v1/charges?reference=%20                | Query parameter 'reference' is required
			/v1/charges?ref=order-1                  | Unknown query parameter(s) [ref]
			/v1/charges?reference=a&limit=10         | Unknown query parameter(s) [limit, reference]
			/v1/charges?reference=a&reference=b      | Query parameter 'reference' is given more than once
			/v1/refunds                              | Query parameter 'charge' is required
			/v1/refunds?reference=order-1            | Unknown query parameter(s) [reference]
			""")
	void badQueriesAreA400(String path, String detail) {
		client.get(path).assertProblem(400, detail);
	}

	@Test
	void lookupsChangeNothing() {
		String reference = newReference();
		String chargeId = client.approvedCharge("25.00", reference);
		client.refund(newKey(), chargeId, "5.00");
		Ledger.Entries before = simulator.ledger().entries();

		client.get("/v1/charges?reference=" + reference);
		client.get("/v1/refunds?charge=" + chargeId);

		assertThat(simulator.ledger().entries()).isEqualTo(before);
		assertThat(simulator.stats().requests("GET /v1/charges")).isEqualTo(1);
		assertThat(simulator.stats().requests("GET /v1/refunds")).isEqualTo(1);
	}

	@Test
	void lookupsMeetTheInjectedErrors() {
		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0));
		client.get("/v1/charges?reference=any").assertProblem(503, "temporarily unavailable");

		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(500));
		Reply internalError = client.get("/v1/charges?reference=any").assertProblem(500, "injected fault");
		assertThat(internalError.header("Idempotent-Replayed")).isEmpty();

		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0).withNonJsonOk(true));
		Reply page = client.get("/v1/refunds?charge=ch_any");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.header("Content-Type")).hasValue("text/html");

		assertThat(simulator.stats().injectedErrors()).isEqualTo(3);
	}

	@Test
	void lookupsMeetTheLatencyAndTheRateLimit() {
		Duration latency = Duration.ofMillis(300);
		simulator.faults().set(FaultSettings.NONE.withLatency(latency).withRateLimitPerSecond(1));

		long start = System.nanoTime();
		Reply first = client.get("/v1/charges?reference=any");
		Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
		Reply second = client.get("/v1/refunds?charge=ch_any");

		assertThat(first.status()).isEqualTo(200);
		assertThat(elapsed).isGreaterThanOrEqualTo(latency);
		second.assertProblem(429, "Too many requests");
	}

}
