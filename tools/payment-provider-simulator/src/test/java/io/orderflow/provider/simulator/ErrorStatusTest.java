package io.orderflow.provider.simulator;

import io.orderflow.provider.simulator.SimulatorClient.Reply;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each {@code errorStatus} the error rate can answer with, answered as the real thing
 * would be, and what it books and leaves under the idempotency key.
 */
class ErrorStatusTest extends RunningSimulatorTest {

	@BeforeEach
	void startClean() {
		simulator.reset();
	}

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource(delimiter = '|',
			textBlock = """
					401 | unauthorized         | Invalid API key      | api_key_invalid   | WWW-Authenticate | Bearer realm="payment-provider"
					403 | forbidden            | lacks permission     | permission_denied |                  |
					404 | not-found            | No endpoint at /v1/charges |             |                  |
					408 | request-timeout      | gave up waiting      |                   |                  |
					429 | rate-limited         | Too many requests    | rate_limit        | Retry-After      | 1
					502 | bad-gateway          | nothing was booked   |                   |                  |
					503 | provider-unavailable | nothing was booked   |                   | Retry-After      | 1
					504 | gateway-timeout      | nothing was booked   |                   |                  |
					""")
	void beforeTheEffectEachStatusIsAnsweredAsTheRealThingBooksNothingAndLeavesTheKeyUsable(int status, String slug,
			String detail, String code, String header, String headerValue) {
		String reference = newReference();
		String key = newKey();
		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(status));

		Reply reply = client.charge(key, "25.00", "pm_card_visa", reference).assertProblem(status, detail);

		reply.assertCode(code);
		assertThat(reply.json().get("type").stringValue()).endsWith(":" + slug);
		if (header != null) {
			assertThat(reply.header(header)).hasValue(headerValue);
		}
		assertThat(simulator.ledger().chargesFor(reference)).isEmpty();
		assertThat(simulator.stats().injectedErrors()).isEqualTo(1);
		simulator.faults().reset();
		Reply retry = client.charge(key, "25.00", "pm_card_visa", reference);
		assertThat(retry.status()).isEqualTo(201);
		assertThat(retry.header("Idempotent-Replayed")).isEmpty();
	}

	@Test
	void anInjected404IsAnUnknownEndpointNotAMissingResource() {
		String chargeId = client.approvedCharge("25.00", newReference());
		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(404));

		Reply endpointGone = client.refund(newKey(), chargeId, "1.00").assertProblem(404, "No endpoint at /v1/refunds");
		simulator.faults().reset();
		Reply chargeMissing = client.refund(newKey(), "ch_doesnotexist", "1.00").assertProblem(404, "ch_doesnotexist");

		endpointGone.assertCode(null);
		chargeMissing.assertCode("resource_missing");
	}

	@Test
	void theErrorRateStrikesRefundsToo() {
		String reference = newReference();
		String chargeId = client.approvedCharge("25.00", reference);
		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(500).withErrorAfterEffect(true));
		String key = newKey();

		client.refund(key, chargeId, "25.00").assertProblem(500, "after the request took effect");
		simulator.faults().reset();
		Reply retry = client.refund(key, chargeId, "25.00").assertProblem(500, "after the request took effect");

		assertThat(retry.header("Idempotent-Replayed")).hasValue("true");
		assertThat(simulator.ledger().refundsFor(reference)).hasSize(1);
	}

	@Test
	void aRequestThatFailsValidationIsRefusedBeforeA500CouldStrike() {
		String key = newKey();
		String reference = newReference();
		simulator.faults().set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(500));

		client.charge(key, "-1", "pm_card_visa", reference).assertProblem(400, "'amount' must be greater than 0");
		simulator.faults().reset();

		assertThat(client.charge(key, "25.00", "pm_card_visa", reference).status()).isEqualTo(201);
		assertThat(simulator.stats().injectedErrors()).isZero();
	}

}
