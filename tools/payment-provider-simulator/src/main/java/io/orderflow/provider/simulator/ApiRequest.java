package io.orderflow.provider.simulator;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import com.sun.net.httpserver.Headers;
import tools.jackson.databind.JsonNode;

/**
 * What an {@link Endpoint} needs from an HTTP request, decoded by the {@link Router}.
 *
 * <p>
 * The query and the body are decoded on first use, not up front: a call of the provider's API is
 * refused for a bad API key or the rate limit before anything else of it is looked at, as a real
 * provider does. Used by the one thread that handles the request, so no synchronisation.
 */
final class ApiRequest {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/** Same limit as Stripe: long enough for any UUID or composite key, short enough to store. */
	static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

	private final String path;

	private final Headers headers;

	private final Supplier<Map<String, String>> queryDecoder;

	private final Supplier<JsonNode> bodyReader;

	private Map<String, String> query;

	private JsonNode body;

	/**
	 * @param queryDecoder decodes the query string, or refuses it with an {@link ApiException}
	 * @param bodyReader reads and checks the JSON object of the body, or refuses it; returns
	 * {@code null} for routes that take no body
	 */
	ApiRequest(String path, Headers headers, Supplier<Map<String, String>> queryDecoder,
			Supplier<JsonNode> bodyReader) {
		this.path = path;
		this.headers = headers;
		this.queryDecoder = queryDecoder;
		this.bodyReader = bodyReader;
	}

	String path() {
		return path;
	}

	Headers headers() {
		return headers;
	}

	Map<String, String> query() {
		if (query == null) {
			query = queryDecoder.get();
		}
		return query;
	}

	JsonNode body() {
		if (body == null) {
			body = bodyReader.get();
		}
		return body;
	}

	/** Refuses parameters other than these: a misspelt filter must not quietly widen a result. */
	Map<String, String> queryWithOnly(Set<String> allowed) {
		if (!allowed.containsAll(query().keySet())) {
			throw ApiException.invalidRequest("Unknown query parameter(s) " + new TreeSet<>(query().keySet())
					+ "; allowed: " + new TreeSet<>(allowed));
		}
		return query();
	}

	String requiredQueryParameter(String name) {
		String value = query().get(name);
		if (value == null || value.isBlank()) {
			throw ApiException.invalidRequest("Query parameter '" + name + "' is required");
		}
		return value;
	}

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
