package io.orderflow.provider.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Optional;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.JsonNodeFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Talks to a running simulator over real HTTP, the way payment-service will. */
final class SimulatorClient {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(JsonNodeFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
		.build();

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI base;

	/**
	 * The value of the Authorization header sent with every request; none when
	 * {@code null}.
	 */
	private final String authorization;

	private SimulatorClient(URI base, String authorization) {
		this.base = base;
		this.authorization = authorization;
	}

	/** A client that sends this API key, as a caller of the provider's API does. */
	static SimulatorClient withApiKey(URI base, String apiKey) {
		return new SimulatorClient(base, "Bearer " + apiKey);
	}

	/** A client that sends no API key, as the test tool's audit and admin calls may. */
	static SimulatorClient withoutApiKey(URI base) {
		return new SimulatorClient(base, null);
	}

	/**
	 * The same client sending this Authorization header instead; none when {@code null}.
	 */
	SimulatorClient withAuthorization(String header) {
		return new SimulatorClient(base, header);
	}

	static String chargeBody(String amount, String paymentMethod, String reference) {
		return """
				{"amount":%s,"currency":"EUR","paymentMethod":"%s","reference":"%s"}""".formatted(amount, paymentMethod,
				reference);
	}

	Reply charge(String idempotencyKey, String amount, String paymentMethod, String reference) {
		return postJson("/v1/charges", idempotencyKey, chargeBody(amount, paymentMethod, reference));
	}

	Reply refund(String idempotencyKey, String chargeId, String amount) {
		return postJson("/v1/refunds", idempotencyKey, """
				{"charge":"%s","amount":%s}""".formatted(chargeId, amount));
	}

	/** A charged id that the test can refund. */
	String approvedCharge(String amount, String reference) {
		Reply reply = charge("charge-" + reference, amount, "pm_card_visa", reference);
		assertThat(reply.status()).isEqualTo(201);
		return reply.json().get("id").stringValue();
	}

	Reply postJson(String path, String idempotencyKey, String json) {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(json));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request);
	}

	Reply putJson(String path, String json) {
		return send(request(path).header("Content-Type", "application/json").PUT(BodyPublishers.ofString(json)));
	}

	Reply get(String path) {
		return send(request(path).GET());
	}

	Reply post(String path) {
		return send(request(path).POST(BodyPublishers.noBody()));
	}

	/** The ledger as seen over HTTP, filtered by reference. */
	JsonNode ledgerFor(String reference) {
		Reply reply = get("/v1/ledger?reference=" + reference);
		assertThat(reply.status()).isEqualTo(200);
		return reply.json();
	}

	HttpRequest.Builder request(String path) {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return request;
	}

	Reply send(HttpRequest.Builder request) {
		try {
			var response = HTTP.send(request.build(), BodyHandlers.ofString());
			return new Reply(response.statusCode(), response.headers(), response.body());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Reply(int status, HttpHeaders headers, String body) {

		JsonNode json() {
			return JSON.readTree(body);
		}

		Optional<String> header(String name) {
			return headers.firstValue(name);
		}

		BigDecimal amount() {
			return json().get("amount").decimalValue();
		}

		/**
		 * Asserts an RFC 9457 problem with the given status and a detail that helps the
		 * client.
		 */
		Reply assertProblem(int expectedStatus, String detailFragment) {
			assertThat(status).as(body).isEqualTo(expectedStatus);
			assertThat(header("Content-Type")).hasValue("application/problem+json");
			JsonNode problem = json();
			assertThat(problem.get("type").stringValue()).startsWith("urn:orderflow:payment-provider:problem:");
			assertThat(problem.get("title").stringValue()).isNotBlank();
			assertThat(problem.get("status").intValue()).isEqualTo(expectedStatus);
			assertThat(problem.get("detail").stringValue()).containsIgnoringCase(detailFragment);
			assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
			return this;
		}

		/**
		 * Asserts the problem's machine-readable {@code code}, or its absence for
		 * {@code null}.
		 */
		Reply assertCode(String expectedCode) {
			JsonNode code = json().get("code");
			if (expectedCode == null) {
				assertThat(code).as(body).isNull();
			}
			else {
				assertThat(code).as(body).isNotNull();
				assertThat(code.stringValue()).isEqualTo(expectedCode);
			}
			return this;
		}

	}

}
