package io.orderflow.provider.simulator;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import io.orderflow.provider.simulator.SimulatorClient.Reply;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** {@code GET /v1/ledger} and the Java view of the ledger: what tests audit. */
class LedgerEndpointTest extends RunningSimulatorTest {

	@Test
	void ledgerFilteredByReferenceShowsOnlyThatReferenceWithAllFields() {
		String reference = "order-" + UUID.randomUUID();
		String other = "order-" + UUID.randomUUID();
		String chargeId = client.approvedCharge("30.00", reference);
		client.charge("declined-" + reference, "30.00", "pm_card_chargeDeclined", reference);
		client.approvedCharge("12.00", other);
		client.refund("refund-" + reference, chargeId, "30.00");

		JsonNode ledger = client.ledgerFor(reference);

		assertThat(ledger.get("charges")).hasSize(2);
		JsonNode approved = ledger.get("charges").get(0);
		assertThat(approved.get("id").stringValue()).isEqualTo(chargeId);
		assertThat(approved.get("idempotencyKey").stringValue()).isEqualTo("charge-" + reference);
		assertThat(approved.get("reference").stringValue()).isEqualTo(reference);
		assertThat(approved.get("amount").decimalValue()).isEqualByComparingTo("30.00");
		assertThat(approved.get("currency").stringValue()).isEqualTo("EUR");
		assertThat(approved.get("status").stringValue()).isEqualTo("succeeded");
		assertThat(approved.get("createdAt").stringValue()).isNotBlank();
		assertThat(ledger.get("charges").get(1).get("status").stringValue()).isEqualTo("declined");
		assertThat(ledger.get("refunds")).singleElement().satisfies(refund -> {
			assertThat(refund.get("charge").stringValue()).isEqualTo(chargeId);
			assertThat(refund.get("reference").stringValue()).isEqualTo(reference);
			assertThat(refund.get("idempotencyKey").stringValue()).isEqualTo("refund-" + reference);
			assertThat(refund.get("amount").decimalValue()).isEqualByComparingTo("30.00");
			assertThat(refund.get("currency").stringValue()).isEqualTo("EUR");
			assertThat(refund.get("status").stringValue()).isEqualTo("succeeded");
			assertThat(refund.get("createdAt").stringValue()).isNotBlank();
		});
		assertThat(client.ledgerFor(other).get("charges")).hasSize(1);
		assertThat(client.ledgerFor("order-never-seen").get("charges")).isEmpty();
	}

	@Test
	void unfilteredLedgerShowsEverything() {
		String reference = "order-" + UUID.randomUUID();
		client.approvedCharge("1.00", reference);

		JsonNode ledger = client.get("/v1/ledger").json();

		assertThat(ledger.get("charges").size()).isEqualTo(simulator.ledger().charges().size()).isPositive();
		assertThat(ledger.get("refunds").size()).isEqualTo(simulator.ledger().refunds().size());
	}

	@Test
	void referenceWithCharactersThatNeedEncodingIsFound() {
		String reference = "order 1/2&3=" + UUID.randomUUID();
		client.approvedCharge("1.00", reference);

		Reply reply = client.get("/v1/ledger?reference=" + URLEncoder.encode(reference, StandardCharsets.UTF_8));

		assertThat(reply.json().get("charges")).singleElement()
			.satisfies(charge -> assertThat(charge.get("reference").stringValue()).isEqualTo(reference));
	}

	@Test
	void misspeltFilterIsA400NotTheWholeLedger() {
		client.get("/v1/ledger?ref=order-1").assertProblem(400, "Unknown query parameter");
		client.get("/v1/ledger?reference=a&reference=b").assertProblem(400, "given more than once");
	}

	@Test
	void javaViewIsReadOnly() {
		client.approvedCharge("1.00", "order-" + UUID.randomUUID());

		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> simulator.ledger().charges().clear());
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> simulator.ledger().entries().charges().clear());
	}

}
