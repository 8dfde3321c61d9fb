package io.orderflow.provider.simulator;

import java.util.Map;

import com.sun.net.httpserver.Headers;
import tools.jackson.databind.JsonNode;

/**
 * What an {@link Endpoint} needs from an HTTP request, already decoded by the {@link Router}.
 *
 * @param body the parsed JSON object for endpoints that take a body, otherwise {@code null}
 */
record ApiRequest(String method, String path, Map<String, String> query, Headers headers, JsonNode body) {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Same limit as Stripe: long enough for any UUID or composite key, short enough to store. */
	static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

	String requiredIdempotencyKey() {
		String key = headers.getFirst(IDEMPOTENCY_KEY);
		if (key == null || key.isBlank()) {
			throw ApiException.invalidRequest("Header " + IDEMPOTENCY_KEY
					+ " is required: it is what guarantees that a retried request never charges twice");
		}
		if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
			throw ApiException.invalidRequest("Header " + IDEMPOTENCY_KEY + " must be at most "
					+ MAX_IDEMPOTENCY_KEY_LENGTH + " characters, was " + key.length());
		}
		return key;
	}

}
