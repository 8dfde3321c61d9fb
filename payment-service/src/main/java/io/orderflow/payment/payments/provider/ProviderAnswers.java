package io.orderflow.payment.payments.provider;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Optional;

import io.orderflow.messaging.consumer.PoisonEventException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Reads the provider's answers and says what each one means, by the table of
 * {@code docs/faults.md}: a decision (approved, a documented card decline, refunded), a
 * transient failure worth retrying with the same key (408, 409 while the key is in
 * flight, 429, 5xx, an unreadable 2xx), a spent key (a 5xx the provider stored under the
 * key and replays), a provider that refuses to serve us at all (401, 403, 404 on the base
 * path: a misconfiguration, handled like an outage and never as a decline), or a request
 * it can never accept (poison).
 */
final class ProviderAnswers {

	static final String REPLAYED_HEADER = "Idempotent-Replayed";

	/**
	 * A 404 about a thing the provider does not have, rather than about a path it does
	 * not serve.
	 */
	static final String RESOURCE_MISSING = "resource_missing";

	static final String CHARGE_ALREADY_REFUNDED = "charge_already_refunded";

	/** The provider adds fields over time; this client reads the ones it needs. */
	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/** More than any answer of the provider; a larger body is not one. */
	private static final int MAX_BODY_BYTES = 1024 * 1024;

	private ProviderAnswers() {
	}

	/**
	 * The body of a 2xx (or a 402 decline) as the given type; an answer that is not that
	 * JSON is transient.
	 */
	static <T> T body(ClientHttpResponse response, Class<T> type, String operation) throws IOException {
		int status = response.getStatusCode().value();
		byte[] bytes = read(response);
		if (!isJson(response.getHeaders())) {
			throw new TransientProviderFailure(operation + " answered " + status + " with "
					+ response.getHeaders().getContentType() + " instead of JSON (a proxy's page?): outcome unknown",
					null, retryAfter(response));
		}
		try {
			return JSON.readValue(bytes, type);
		}
		catch (JacksonException ex) {
			throw new TransientProviderFailure(
					operation + " answered " + status + " with unreadable JSON: " + ex.getOriginalMessage(), ex,
					retryAfter(response));
		}
	}

	/**
	 * What an answer that is neither a success nor a decline means.
	 * @return the problem the provider answered, when its key is spent (a stored 5xx
	 * replayed) or it is a 4xx the caller knows how to read (see {@link Problem#code()})
	 * @throws TransientProviderFailure 408, 409, 429, a first-time 5xx
	 * @throws ProviderOutage 401, 403, 404 that is not about a missing resource
	 * @throws PoisonEventException any other 4xx, unless {@code understood} accepts its
	 * code
	 */
	static Problem failure(ClientHttpResponse response, String operation, String... understood) throws IOException {
		int status = response.getStatusCode().value();
		Problem problem = problem(response, status);
		String said = operation + " answered " + status + (problem.detail() == null ? "" : ": " + problem.detail());
		if (status >= 500) {
			if ("true".equalsIgnoreCase(response.getHeaders().getFirst(REPLAYED_HEADER))) {
				return problem.spent();
			}
			throw new TransientProviderFailure(said, null, retryAfter(response));
		}
		switch (status) {
			case 408, 409, 429 -> throw new TransientProviderFailure(said, null, retryAfter(response));
			case 401, 403 -> throw new ProviderOutage(said + " (is orderflow.payment.provider.api-key right?)");
			case 404 -> {
				if (!RESOURCE_MISSING.equals(problem.code())) {
					throw new ProviderOutage(said + " (is orderflow.payment.provider.base-url right?)");
				}
			}
			default -> {
				// a refusal of the request itself: read below
			}
		}
		for (String code : understood) {
			if (code.equals(problem.code())) {
				return problem;
			}
		}
		throw new PoisonEventException("The payment provider refused the " + operation + " for good: " + status
				+ (problem.detail() == null ? "" : " " + problem.detail()));
	}

	private static Problem problem(ClientHttpResponse response, int status) throws IOException {
		byte[] bytes = read(response);
		if (bytes.length > 0 && isJson(response.getHeaders())) {
			try {
				ProblemBody body = JSON.readValue(bytes, ProblemBody.class);
				return new Problem(body.code(), body.title(), body.detail(), false);
			}
			catch (JacksonException ex) {
				// not a problem document: the status alone says what it means
			}
		}
		return new Problem(null, null, status + " without a problem document", false);
	}

	/** {@code Retry-After} in seconds, as the provider sends it with 429 and 503. */
	static Optional<Duration> retryAfter(ClientHttpResponse response) {
		String value = response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || !value.trim().matches("\\d{1,6}")) {
			return Optional.empty();
		}
		return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
	}

	private static boolean isJson(HttpHeaders headers) {
		MediaType type = headers.getContentType();
		return type != null
				&& (type.isCompatibleWith(MediaType.APPLICATION_JSON) || "json".equals(type.getSubtypeSuffix()));
	}

	private static byte[] read(ClientHttpResponse response) throws IOException {
		try (InputStream body = response.getBody()) {
			byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
			if (bytes.length > MAX_BODY_BYTES) {
				throw new TransientProviderFailure("Provider answered more than " + MAX_BODY_BYTES + " bytes", null,
						Optional.empty());
			}
			return bytes;
		}
	}

	/** The members of the provider's problem document this client reads. */
	private record ProblemBody(String code, String title, String detail) {
	}

	/**
	 * The provider's RFC 9457 problem, the fields this client reads.
	 *
	 * @param code the provider's error code for answers a program handles
	 * ({@code resource_missing}, {@code charge_already_refunded}, ...)
	 * @param keySpent whether it is a failure the provider stored under the key and
	 * replays
	 */
	record Problem(String code, String title, String detail, boolean keySpent) {

		Problem spent() {
			return new Problem(code, title, detail, true);
		}

	}

}
