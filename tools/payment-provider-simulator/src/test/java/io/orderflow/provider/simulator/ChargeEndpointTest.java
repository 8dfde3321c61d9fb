package io.orderflow.provider.simulator;

import java.math.BigDecimal;
import java.net.http.HttpRequest.BodyPublishers;

import io.orderflow.provider.simulator.SimulatorClient.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static io.orderflow.provider.simulator.SimulatorClient.chargeBody;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /v1/charges} over real HTTP: outcomes per test token, validation and bad
 * input.
 */
class ChargeEndpointTest extends RunningSimulatorTest {

	@ParameterizedTest
	@ValueSource(strings = { "pm_card_visa", "pm_card_mastercard" })
	void approvedTokensAreChargedAndBooked(String paymentMethod) {
		String reference = newReference();

		Reply reply = client.charge(newKey(), "25.00", paymentMethod, reference);

		assertThat(reply.status()).isEqualTo(201);
		assertThat(reply.header("Content-Type")).hasValue("application/json");
		assertThat(reply.header("Idempotent-Replayed")).isEmpty();
		JsonNode charge = reply.json();
		assertThat(charge.get("id").stringValue()).matches("ch_[0-9a-f]{24}");
		assertThat(charge.get("status").stringValue()).isEqualTo("succeeded");
		assertThat(reply.amount()).isEqualTo(new BigDecimal("25.00"));
		assertThat(charge.get("currency").stringValue()).isEqualTo("EUR");
		assertThat(charge.get("paymentMethod").stringValue()).isEqualTo(paymentMethod);
		assertThat(charge.get("reference").stringValue()).isEqualTo(reference);
		assertThat(charge.get("createdAt").stringValue()).isNotBlank();
		assertThat(charge.has("declineCode")).isFalse();

		assertThat(simulator.ledger().chargesFor(reference)).singleElement().satisfies(booked -> {
			assertThat(booked.id()).isEqualTo(charge.get("id").stringValue());
			assertThat(booked.status()).isEqualTo(ChargeStatus.SUCCEEDED);
			assertThat(booked.amount()).isEqualTo(new BigDecimal("25.00"));
		});
	}

	@ParameterizedTest
	@CsvSource({ "pm_card_chargeDeclined, card_declined", "pm_card_chargeDeclinedInsufficientFunds, insufficient_funds",
			"pm_card_unknown, invalid_payment_method" })
	void declinedTokensAnswer402AndAreBookedAsDeclined(String paymentMethod, String declineCode) {
		String reference = newReference();

		Reply reply = client.charge(newKey(), "25.00", paymentMethod, reference);

		assertThat(reply.status()).isEqualTo(402);
		assertThat(reply.header("Content-Type")).hasValue("application/json");
		JsonNode charge = reply.json();
		assertThat(charge.get("id").stringValue()).startsWith("ch_");
		assertThat(charge.get("status").stringValue()).isEqualTo("declined");
		assertThat(charge.get("declineCode").stringValue()).isEqualTo(declineCode);
		assertThat(reply.amount()).isEqualTo(new BigDecimal("25.00"));
		assertThat(simulator.ledger().chargesFor(reference)).singleElement().satisfies(booked -> {
			assertThat(booked.status()).isEqualTo(ChargeStatus.DECLINED);
			assertThat(booked.declineCode()).isEqualTo(declineCode);
		});
	}

	@Test
	void wholeAmountIsAnsweredWithTwoDecimals() {
		Reply reply = client.charge(newKey(), "25", "pm_card_visa", newReference());

		assertThat(reply.status()).isEqualTo(201);
		assertThat(reply.body()).contains("\"amount\":25.00");
	}

	@Test
	void missingIdempotencyKeyIsRefused() {
		String reference = newReference();

		client.postJson("/v1/charges", null, chargeBody("25.00", "pm_card_visa", reference))
			.assertProblem(400, "Idempotency-Key");

		assertThat(simulator.ledger().chargesFor(reference)).isEmpty();
	}

	@Test
	void idempotencyKeyLongerThan255CharactersIsRefused() {
		String reference = newReference();

		client.charge("k".repeat(256), "25.00", "pm_card_visa", reference).assertProblem(400, "at most 255");
		assertThat(client.charge("k".repeat(255), "25.00", "pm_card_visa", reference).status()).isEqualTo(201);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '^',
			textBlock = """
					{"amount":-5.00,"currency":"EUR","paymentMethod":"pm_card_visa","reference":"REF"}     | 'amount' must be greater than 0
					{"amount":0,"currency":"EUR","paymentMethod":"pm_card_visa","reference":"REF"}         | 'amount' must be greater than 0
					{"amount":25.001,"currency":"EUR","paymentMethod":"pm_card_visa","reference":"REF"}    | 'amount' must have at most 2 decimals
					{"amount":"25.00","currency":"EUR","paymentMethod":"pm_card_visa","reference":"REF"}   | 'amount' must be a JSON number
					{"amount":1e12,"currency":"EUR","paymentMethod":"pm_card_visa","reference":"REF"}      | 'amount' must be at most
					{"currency":"EUR","paymentMethod":"pm_card_visa","reference":"REF"}                    | 'amount' is required
					{"amount":25.00,"currency":"eur","paymentMethod":"pm_card_visa","reference":"REF"}     | 'currency' must be an ISO 4217 code
					{"amount":25.00,"currency":"EURO","paymentMethod":"pm_card_visa","reference":"REF"}    | 'currency' must be an ISO 4217 code
					{"amount":25.00,"paymentMethod":"pm_card_visa","reference":"REF"}                      | 'currency' is required
					{"amount":25.00,"currency":"EUR","paymentMethod":" ","reference":"REF"}                | 'paymentMethod' must not be blank
					{"amount":25.00,"currency":"EUR","paymentMethod":42,"reference":"REF"}                 | 'paymentMethod' must be a string
					{"amount":25.00,"currency":"EUR","paymentMethod":"pm_card_visa","reference":""}        | 'reference' must not be blank
					{"amount":25.00,"currency":"EUR","paymentMethod":"pm_card_visa","reference":"REF","amout":1} | Unknown field(s) [amout]
					[{"amount":25.00}]                                                                     | must be a JSON object
					""")
	void invalidChargesAreRefusedWithAUsefulDetailAndBookNothing(String body, String detail) {
		String reference = newReference();

		client.postJson("/v1/charges", newKey(), body.replace("REF", reference)).assertProblem(400, detail);

		assertThat(simulator.ledger().chargesFor(reference)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"amount\":25.00,", "not json", "{\"amount\":1,\"amount\":2}", "{} {}" })
	void malformedJsonIsA400(String body) {
		client.postJson("/v1/charges", newKey(), body).assertProblem(400, "not valid JSON");
	}

	@Test
	void emptyBodyIsA400() {
		client.postJson("/v1/charges", newKey(), "").assertProblem(400, "request body");
	}

	@Test
	void bodyLargerThan64KibIsA413() {
		String huge = chargeBody("25.00", "pm_card_visa", "x".repeat(70 * 1024));

		client.postJson("/v1/charges", newKey(), huge).assertProblem(413, "at most 65536 bytes");
	}

	@Test
	void wrongContentTypeIsA415() {
		Reply reply = client.send(client.request("/v1/charges")
			.header("Content-Type", "text/plain")
			.header("Idempotency-Key", newKey())
			.POST(BodyPublishers.ofString(chargeBody("25.00", "pm_card_visa", newReference()))));

		reply.assertProblem(415, "application/json");
	}

	@Test
	void wrongMethodIsA405NamingTheAllowedOnes() {
		Reply reply = client.send(client.request("/v1/charges").DELETE()).assertProblem(405, "DELETE is not supported");

		assertThat(reply.header("Allow")).hasValue("POST, GET");
	}

	@Test
	void unknownPathIsA404() {
		client.get("/v1/charges/ch_123").assertProblem(404, "No endpoint");
		client.get("/v2/anything").assertProblem(404, "No endpoint");
	}

	@Test
	void healthIsUp() {
		Reply reply = client.get("/health");

		assertThat(reply.status()).isEqualTo(200);
		assertThat(reply.json().get("status").stringValue()).isEqualTo("UP");
	}

}
