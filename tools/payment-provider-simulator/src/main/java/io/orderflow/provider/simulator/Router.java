package io.orderflow.provider.simulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;

/**
 * Maps exact paths and methods to endpoints, and does what every endpoint needs: reading and
 * checking the JSON body, counting requests, and turning every refusal into an RFC 9457 problem.
 * Bad input of any kind gets a 4xx; a 500 only ever means a bug here, and never shows a stack trace.
 *
 * <p>
 * One handler for the whole server rather than one {@code HttpContext} per path, because contexts
 * match by prefix: {@code /v1/charges/anything} would reach the charge endpoint.
 */
final class Router implements HttpHandler {

	static final int MAX_BODY_BYTES = 64 * 1024;

	private static final System.Logger LOG = System.getLogger(Router.class.getName());

	private final Map<String, Map<String, Route>> routes = new LinkedHashMap<>();

	private final RequestStats stats;

	Router(RequestStats stats) {
		this.stats = stats;
	}

	Router get(String path, Endpoint endpoint) {
		return add("GET", path, false, endpoint);
	}

	Router post(String path, Endpoint endpoint) {
		return add("POST", path, false, endpoint);
	}

	Router postJson(String path, Endpoint endpoint) {
		return add("POST", path, true, endpoint);
	}

	Router putJson(String path, Endpoint endpoint) {
		return add("PUT", path, true, endpoint);
	}

	private Router add(String method, String path, boolean jsonBody, Endpoint endpoint) {
		routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, new Route(jsonBody, endpoint));
		return this;
	}

	@Override
	public void handle(HttpExchange exchange) {
		try (exchange) {
			String path = Objects.requireNonNullElse(exchange.getRequestURI().getPath(), "");
			ApiResponse response = respond(exchange, path);
			byte[] body;
			try {
				body = serialize(response);
			}
			catch (RuntimeException ex) {
				response = internalError(path, ex);
				body = serialize(response);
			}
			stats.answered(response.status());
			send(exchange, response, body);
		}
		catch (IOException ex) {
			// the client went away before it got its answer; there is nobody left to tell
			LOG.log(System.Logger.Level.DEBUG, "Could not send response", ex);
		}
	}

	private ApiResponse respond(HttpExchange exchange, String path) {
		try {
			return dispatch(exchange, path);
		}
		catch (ApiException ex) {
			return ex.toResponse(path);
		}
		catch (RuntimeException ex) {
			return internalError(path, ex);
		}
	}

	private ApiResponse dispatch(HttpExchange exchange, String path) {
		Map<String, Route> byMethod = routes.get(path);
		if (byMethod == null) {
			throw ApiException.notFound("No endpoint at " + path);
		}
		String method = exchange.getRequestMethod();
		Route route = byMethod.get(method);
		if (route == null) {
			String allowed = String.join(", ", byMethod.keySet());
			throw new ApiException(405, "method-not-allowed", "Method not allowed",
					method + " is not supported on " + path + "; allowed: " + allowed)
				.withHeader("Allow", allowed);
		}
		stats.requestReceived(method + " " + path);
		ApiRequest request = new ApiRequest(path, exchange.getRequestHeaders(),
				() -> parseQuery(exchange.getRequestURI().getRawQuery()),
				() -> route.jsonBody() ? readJsonBody(exchange) : null);
		return route.endpoint().handle(request);
	}

	private static JsonNode readJsonBody(HttpExchange exchange) {
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		if (!isJson(contentType)) {
			throw new ApiException(415, "unsupported-media-type", "Unsupported media type",
					"Content-Type must be application/json, was " + (contentType == null ? "missing" : contentType));
		}
		byte[] bytes = readAtMostOneByteMoreThanAllowed(exchange);
		if (bytes.length > MAX_BODY_BYTES) {
			throw new ApiException(413, "payload-too-large", "Payload too large",
					"Request body must be at most " + MAX_BODY_BYTES + " bytes");
		}
		if (bytes.length == 0) {
			throw ApiException.invalidRequest("A JSON object is required as request body");
		}
		JsonNode body;
		try {
			body = Json.MAPPER.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new ApiException(400, "malformed-json", "Malformed JSON",
					"Request body is not valid JSON: " + ex.getOriginalMessage() + where(ex.getLocation()));
		}
		if (!body.isObject()) {
			throw ApiException.invalidRequest("Request body must be a JSON object");
		}
		return body;
	}

	/** Reading one byte past the limit tells "too large" from "exactly the limit" without buffering more. */
	private static byte[] readAtMostOneByteMoreThanAllowed(HttpExchange exchange) {
		String declaredLength = exchange.getRequestHeaders().getFirst("Content-Length");
		if (declaredLength != null && declaredLength.matches("\\d{1,18}")
				&& Long.parseLong(declaredLength) > MAX_BODY_BYTES) {
			throw new ApiException(413, "payload-too-large", "Payload too large",
					"Request body must be at most " + MAX_BODY_BYTES + " bytes, Content-Length was "
							+ declaredLength);
		}
		try (InputStream in = exchange.getRequestBody()) {
			return in.readNBytes(MAX_BODY_BYTES + 1);
		}
		catch (IOException ex) {
			throw ApiException.invalidRequest("Request body could not be read: " + ex.getMessage());
		}
	}

	private static boolean isJson(String contentType) {
		if (contentType == null) {
			return false;
		}
		String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		return mediaType.equals("application/json")
				|| (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
	}

	private static String where(TokenStreamLocation location) {
		if (location == null || location.getLineNr() < 0) {
			return "";
		}
		return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
	}

	private static Map<String, String> parseQuery(String rawQuery) {
		Map<String, String> query = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return query;
		}
		try {
			for (String pair : rawQuery.split("&")) {
				if (pair.isEmpty()) {
					continue;
				}
				int equals = pair.indexOf('=');
				String name = (equals < 0) ? pair : pair.substring(0, equals);
				String value = (equals < 0) ? "" : pair.substring(equals + 1);
				String decodedName = URLDecoder.decode(name, StandardCharsets.UTF_8);
				if (query.putIfAbsent(decodedName, URLDecoder.decode(value, StandardCharsets.UTF_8)) != null) {
					// ?reference=a&reference=b is ambiguous: refuse it instead of picking one
					throw ApiException.invalidRequest("Query parameter '" + decodedName + "' is given more than once");
				}
			}
		}
		catch (IllegalArgumentException ex) {
			throw ApiException.invalidRequest("Query string is not properly URL-encoded: " + ex.getMessage());
		}
		return query;
	}

	private static ApiResponse internalError(String path, RuntimeException ex) {
		// the stack trace goes to the log of the simulator, never into the answer
		LOG.log(System.Logger.Level.ERROR, "Unexpected failure answering " + path, ex);
		return new ApiException(500, "internal-error", "Internal error",
				"The simulator failed unexpectedly; see its log")
			.toResponse(path);
	}

	private static byte[] serialize(ApiResponse response) {
		return switch (response.body()) {
			case null -> new byte[0];
			case TextBody text -> text.text().getBytes(StandardCharsets.UTF_8);
			default -> Json.MAPPER.writeValueAsBytes(response.body());
		};
	}

	private static String contentType(Object body) {
		return switch (body) {
			case Problem problem -> Problem.MEDIA_TYPE;
			case TextBody text -> text.mediaType();
			default -> "application/json";
		};
	}

	private static void send(HttpExchange exchange, ApiResponse response, byte[] body) throws IOException {
		response.headers().forEach(exchange.getResponseHeaders()::set);
		if (response.body() == null) {
			exchange.sendResponseHeaders(response.status(), -1);
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", contentType(response.body()));
		exchange.sendResponseHeaders(response.status(), body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	private record Route(boolean jsonBody, Endpoint endpoint) {
	}

}
