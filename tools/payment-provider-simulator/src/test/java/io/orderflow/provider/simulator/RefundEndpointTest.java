package io.orderflow.provider.simulator;

import java.math.BigDecimal;

import io.orderflow.provider.simulator.SimulatorClient.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/refunds} over real HTTP: refunds never exceed what was charged. */
class RefundEndpointTest extends RunningSimulatorTest {

	@Test
	void aSucceededChargeIsRefunded() {
		String reference = newReference();
		String chargeId = client.approvedCharge("25.00", reference);
		String key = newKey();

		Reply reply = client.refund(key, chargeId, "25.00");

		assertThat(reply.status()).isEqualTo(201);
		JsonNode refund = reply.json();
		assertThat(refund.get("id").stringValue()).matches("re_[0-9a-f]{24}");
		assertThat(refund.get("status").stringValue()).isEqualTo("succeeded");
		assertThat(refund.get("charge").stringValue()).isEqualTo(chargeId);
		assertThat(reply.amount()).isEqualTo(new BigDecimal("25.00"));
		assertThat(refund.get("createdAt").stringValue()).isNotBlank();
		assertThat(simulator.ledger().refundsFor(reference)).singleElement().satisfies(booked -> {
			assertThat(booked.charge()).isEqualTo(chargeId);
			assertThat(booked.reference()).isEqualTo(reference);
			assertThat(booked.idempotencyKey()).isEqualTo(key);
			assertThat(booked.currency()).isEqualTo("EUR");
		});
	}

	@Test
	void aRefundIsReplayedUnderItsKeyAndBookedOnce() {
		String reference = newReference();
		String chargeId = client.approvedCharge("25.00", reference);
		String key = newKey();

		Reply first = client.refund(key, chargeId, "10.00");
		Reply second = client.refund(key, chargeId, "10.00");

		assertThat(second.status()).isEqualTo(201);
		assertThat(second.body()).isEqualTo(first.body());
		assertThat(second.header("Idempotent-Replayed")).hasValue("true");
		assertThat(simulator.ledger().refundsFor(reference)).hasSize(1);
		client.refund(key, chargeId, "5.00").assertProblem(422, key);
	}

	@Test
	void withoutAmountTheRestOfTheChargeIsRefunded() {
		String reference = newReference();
		String chargeId = client.approvedCharge("25.00", reference);
		client.refund(newKey(), chargeId, "10.00");

		Reply reply = client.postJson("/v1/refunds", newKey(), "{\"charge\":\"" + chargeId + "\"}");

		assertThat(reply.status()).isEqualTo(201);
		assertThat(reply.amount()).isEqualTo(new BigDecimal("15.00"));
	}

	@Test
	void refundingMoreThanIsLeftOfTheChargeIsA400AmountTooLarge() {
		String reference = newReference();
		String chargeId = client.approvedCharge("25.00", reference);
		assertThat(client.refund(newKey(), chargeId, "20.00").status()).isEqualTo(201);

		client.refund(newKey(), chargeId, "5.01")
			.assertProblem(400, "5.00 EUR still refundable")
			.assertCode("amount_too_large");
		assertThat(client.refund(newKey(), chargeId, "5.00").status()).isEqualTo(201);
		client.refund(newKey(), chargeId, "0.01")
			.assertProblem(400, "already fully refunded")
			.assertCode("charge_already_refunded");
		client.postJson("/v1/refunds", newKey(), "{\"charge\":\"" + chargeId + "\"}")
			.assertProblem(400, "already fully refunded")
			.assertCode("charge_already_refunded");

		assertThat(simulator.ledger().refundedAmount(chargeId)).isEqualByComparingTo("25.00");
		assertThat(simulator.ledger().refundsFor(reference)).hasSize(2);
	}

	@Test
	void unknownChargeIsA404ResourceMissing() {
		Reply reply = client.refund(newKey(), "ch_doesnotexist", "1.00").assertProblem(404, "ch_doesnotexist");

		reply.assertCode("resource_missing");
		assertThat(reply.json().get("type").stringValue()).endsWith(":charge-not-found");
	}

	@Test
	void declinedChargeIsA400NotRefundable() {
		String reference = newReference();
		String chargeId = client.charge(newKey(), "25.00", "pm_card_chargeDeclined", reference)
			.json()
			.get("id")
			.stringValue();

		client.refund(newKey(), chargeId, "25.00").assertProblem(400, "declined").assertCode("charge_not_refundable");

		assertThat(simulator.ledger().refundsFor(reference)).isEmpty();
	}

	@Test
	void refundsNeedAKeyAndAValidBody() {
		String chargeId = client.approvedCharge("25.00", newReference());

		client.postJson("/v1/refunds", null, "{\"charge\":\"" + chargeId + "\"}").assertProblem(400, "Idempotency-Key");
		client.refund(newKey(), chargeId, "-1").assertProblem(400, "'amount' must be greater than 0");
		client.refund(newKey(), chargeId, "1.234").assertProblem(400, "at most 2 decimals");
		client.postJson("/v1/refunds", newKey(), "{\"amount\":1}").assertProblem(400, "'charge' is required");
	}

}
