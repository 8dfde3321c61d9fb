package io.orderflow.probes.http;

import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.MatchResult;

import com.sun.net.httpserver.Headers;
import tools.jackson.databind.JsonNode;

/**
 * What an {@link Endpoint} needs from an HTTP request, decoded by the {@link Router}.
 *
 * <p>
 * The query and the body are decoded on first use, not up front: an endpoint may refuse a
 * request for a header (a bad API key, a rate limit) before anything else of it is looked
 * at, as a real provider does. Used by the one thread that handles the request, so no
 * synchronisation.
 */
public final class Request {

	private final String method;

	private final String path;

	private final MatchResult pathMatch;

	private final Headers headers;

	private final Supplier<Map<String, String>> queryDecoder;

	private final Supplier<JsonNode> bodyReader;

	private final InputStream bodyStream;

	private Map<String, String> query;

	private JsonNode body;

	Request(String method, String path, MatchResult pathMatch, Headers headers,
			Supplier<Map<String, String>> queryDecoder, Supplier<JsonNode> bodyReader, InputStream bodyStream) {
		this.method = method;
		this.path = path;
		this.pathMatch = pathMatch;
		this.headers = headers;
		this.queryDecoder = queryDecoder;
		this.bodyReader = bodyReader;
		this.bodyStream = bodyStream;
	}

	public String method() {
		return method;
	}

	public String path() {
		return path;
	}

	/**
	 * A group of the route's pattern, e.g. the id in {@code /api/orders/([0-9a-f-]{36})}.
	 */
	public String pathGroup(int group) {
		return pathMatch.group(group);
	}

	public Headers headers() {
		return headers;
	}

	/**
	 * The decoded query; a parameter given twice or a bad encoding is refused with a 400.
	 */
	public Map<String, String> query() {
		if (query == null) {
			query = queryDecoder.get();
		}
		return query;
	}

	/**
	 * The JSON object of the body, checked by the router; {@code null} for routes that
	 * take no JSON body.
	 */
	public JsonNode body() {
		if (body == null) {
			body = bodyReader.get();
		}
		return body;
	}

	/**
	 * The body as it comes, for routes that read another format; the endpoint bounds what
	 * it reads.
	 */
	public InputStream bodyStream() {
		return bodyStream;
	}

	/**
	 * Refuses parameters other than these: a misspelt filter must not quietly widen a
	 * result.
	 */
	public Map<String, String> queryWithOnly(Set<String> allowed) {
		if (!allowed.containsAll(query().keySet())) {
			throw HttpProblem.invalidRequest("Unknown query parameter(s) " + new TreeSet<>(query().keySet())
					+ "; allowed: " + new TreeSet<>(allowed));
		}
		return query();
	}

	public String requiredQueryParameter(String name) {
		String value = query().get(name);
		if (value == null || value.isBlank()) {
			throw HttpProblem.invalidRequest("Query parameter '" + name + "' is required");
		}
		return value;
	}

}
