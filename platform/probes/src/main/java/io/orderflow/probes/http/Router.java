package io.orderflow.probes.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps paths and methods to endpoints, and does what every endpoint needs: reading and
 * checking the JSON body, and turning every refusal into an RFC 9457 problem. Bad input
 * of any kind gets a 4xx; a 500 only ever means a bug of the server, logged, and never
 * shows a stack trace.
 *
 * <p>
 * One handler for the whole server rather than one {@code HttpContext} per path, because
 * contexts match by prefix: {@code /v1/charges/anything} would reach the charge endpoint.
 * A path is matched whole: exactly, or by a pattern.
 */
public final class Router implements HttpHandler {

	public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

	private static final System.Logger LOG = System.getLogger(Router.class.getName());

	private final Map<String, PathRoutes> routes = new LinkedHashMap<>();

	private final String problemTypes;

	private final String serverName;

	private final JsonMapper json;

	private final ObjectReader strictReader;

	private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;

	private Map<String, String> headers = Map.of();

	private Listener listener = new Listener() {
	};

	/**
	 * What a server counts: the requests that reached an endpoint, and every status
	 * answered.
	 */
	public interface Listener {

		/**
		 * @param route the method and the path as routed, e.g. {@code POST /v1/charges}
		 */
		default void received(String route) {
		}

		default void answered(int status) {
		}

	}

	/**
	 * @param problemTypes the prefix of every problem's type, e.g.
	 * {@code urn:orderflow:console:problem:}
	 * @param serverName what a 500 says failed, e.g. {@code console}
	 * @param json writes the bodies, and reads them with duplicate fields and trailing
	 * tokens refused
	 */
	public Router(String problemTypes, String serverName, JsonMapper json) {
		this.problemTypes = problemTypes;
		this.serverName = serverName;
		this.json = json;
		// {"amount":1,"amount":1000} is ambiguous: refuse it instead of guessing
		this.strictReader = json.reader()
			.with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
	}

	/** The largest JSON body taken; more is a 413. */
	public Router maxBodyBytes(int max) {
		this.maxBodyBytes = max;
		return this;
	}

	/** Headers for every answer, e.g. {@code Cache-Control: no-store}. */
	public Router headers(Map<String, String> everyAnswer) {
		this.headers = Map.copyOf(everyAnswer);
		return this;
	}

	public Router listener(Listener listener) {
		this.listener = listener;
		return this;
	}

	public Router get(String path, Endpoint endpoint) {
		return add("GET", exactly(path), path, false, endpoint);
	}

	/**
	 * A GET for every path the pattern matches whole; {@link Request#pathGroup(int)}
	 * reads its groups.
	 */
	public Router get(Pattern path, Endpoint endpoint) {
		return add("GET", path, path.pattern(), false, endpoint);
	}

	/**
	 * A POST whose body the endpoint reads itself ({@link Request#bodyStream()}), or
	 * none.
	 */
	public Router post(String path, Endpoint endpoint) {
		return add("POST", exactly(path), path, false, endpoint);
	}

	/** A POST with a JSON object as body ({@link Request#body()}). */
	public Router postJson(String path, Endpoint endpoint) {
		return add("POST", exactly(path), path, true, endpoint);
	}

	/** A PUT with a JSON object as body ({@link Request#body()}). */
	public Router putJson(String path, Endpoint endpoint) {
		return add("PUT", exactly(path), path, true, endpoint);
	}

	private Router add(String method, Pattern pattern, String name, boolean jsonBody, Endpoint endpoint) {
		routes.computeIfAbsent(name, n -> new PathRoutes(pattern, new LinkedHashMap<>()))
			.byMethod()
			.put(method, new Route(name, jsonBody, endpoint));
		return this;
	}

	private static Pattern exactly(String path) {
		return Pattern.compile(Pattern.quote(path));
	}

	@Override
	public void handle(HttpExchange exchange) {
		// the JDK server's dispatcher thread has the system class loader, which cannot
		// see the classes of a nested
		// jar (the local stack's executable jar): libraries such as Kafka's client look
		// theirs up through the context
		// class loader
		Thread.currentThread().setContextClassLoader(Router.class.getClassLoader());
		String path = Objects.requireNonNullElse(exchange.getRequestURI().getPath(), "");
		try (exchange) {
			Response response = respond(exchange, path);
			byte[] body;
			try {
				body = serialize(response);
			}
			catch (RuntimeException ex) {
				response = internalError(path, ex);
				body = serialize(response);
			}
			listener.answered(response.status());
			send(exchange, response, body);
		}
		catch (IOException ex) {
			// the client went away before it got its answer; there is nobody left to tell
			LOG.log(System.Logger.Level.DEBUG, "Could not answer " + path, ex);
		}
	}

	private Response respond(HttpExchange exchange, String path) {
		try {
			return dispatch(exchange, path);
		}
		catch (HttpProblem ex) {
			return ex.toResponse(problemTypes, path);
		}
		catch (RuntimeException | LinkageError ex) {
			return internalError(path, ex);
		}
	}

	private Response dispatch(HttpExchange exchange, String path) {
		Matcher match = null;
		PathRoutes found = null;
		for (PathRoutes candidate : routes.values()) {
			match = candidate.pattern().matcher(path);
			if (match.matches()) {
				found = candidate;
				break;
			}
		}
		if (found == null) {
			throw HttpProblem.notFound("No endpoint at " + path);
		}
		String method = exchange.getRequestMethod();
		Route route = found.byMethod().get(method);
		if (route == null) {
			String allowed = String.join(", ", found.byMethod().keySet());
			// the method is the client's text: only its letters go back
			throw new HttpProblem(405, "method-not-allowed", "Method not allowed",
					method.replaceAll("[^A-Za-z]", "") + " is not supported on " + path + "; allowed: " + allowed)
				.withHeader("Allow", allowed);
		}
		listener.received(method + " " + route.name());
		Request request = new Request(method, path, match.toMatchResult(), exchange.getRequestHeaders(),
				() -> parseQuery(exchange.getRequestURI().getRawQuery()),
				() -> route.jsonBody() ? readJsonBody(exchange) : null, exchange.getRequestBody());
		return route.endpoint().handle(request);
	}

	private JsonNode readJsonBody(HttpExchange exchange) {
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		if (!isJson(contentType)) {
			throw new HttpProblem(415, "unsupported-media-type", "Unsupported media type",
					"Content-Type must be application/json, was " + (contentType == null ? "missing" : contentType));
		}
		byte[] bytes = readAtMostOneByteMoreThanAllowed(exchange);
		if (bytes.length > maxBodyBytes) {
			throw tooLarge("");
		}
		if (bytes.length == 0) {
			throw HttpProblem.invalidRequest("A JSON object is required as request body");
		}
		JsonNode body;
		try {
			body = strictReader.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new HttpProblem(400, "malformed-json", "Malformed JSON",
					"Request body is not valid JSON: " + ex.getOriginalMessage() + where(ex.getLocation()));
		}
		if (body == null || !body.isObject()) {
			throw HttpProblem.invalidRequest("Request body must be a JSON object");
		}
		return body;
	}

	/**
	 * Reading one byte past the limit tells "too large" from "exactly the limit" without
	 * buffering more.
	 */
	private byte[] readAtMostOneByteMoreThanAllowed(HttpExchange exchange) {
		String declaredLength = exchange.getRequestHeaders().getFirst("Content-Length");
		if (declaredLength != null && declaredLength.matches("\\d{1,18}")
				&& Long.parseLong(declaredLength) > maxBodyBytes) {
			throw tooLarge(", Content-Length was " + declaredLength);
		}
		try (InputStream in = exchange.getRequestBody()) {
			return in.readNBytes(maxBodyBytes + 1);
		}
		catch (IOException ex) {
			throw HttpProblem.invalidRequest("Request body could not be read: " + ex.getMessage());
		}
	}

	private HttpProblem tooLarge(String why) {
		return new HttpProblem(413, "payload-too-large", "Payload too large",
				"Request body must be at most " + maxBodyBytes + " bytes" + why);
	}

	/**
	 * {@code application/json} or a JSON-based type: none of them can be sent by a plain
	 * HTML form.
	 */
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
					// ?reference=a&reference=b is ambiguous: refuse it instead of picking
					// one
					throw HttpProblem.invalidRequest("Query parameter '" + decodedName + "' is given more than once");
				}
			}
		}
		catch (IllegalArgumentException ex) {
			throw HttpProblem.invalidRequest("Query string is not properly URL-encoded: " + ex.getMessage());
		}
		return query;
	}

	private Response internalError(String path, Throwable ex) {
		// the stack trace goes to the log of the server, never into the answer
		LOG.log(System.Logger.Level.ERROR, "Unexpected failure answering " + path, ex);
		return new HttpProblem(500, "internal-error", "Internal error",
				"The " + serverName + " failed unexpectedly; see its log")
			.toResponse(problemTypes, path);
	}

	private byte[] serialize(Response response) {
		return switch (response.body()) {
			case null -> new byte[0];
			case Response.Bytes bytes -> bytes.bytes();
			case Response.Stream stream -> new byte[0];
			default -> json.writeValueAsBytes(response.body());
		};
	}

	private static String contentType(Object body) {
		return switch (body) {
			case Problem problem -> Problem.MEDIA_TYPE;
			case Response.Bytes bytes -> bytes.mediaType();
			case Response.Stream stream -> stream.mediaType();
			default -> "application/json";
		};
	}

	private void send(HttpExchange exchange, Response response, byte[] body) throws IOException {
		headers.forEach(exchange.getResponseHeaders()::set);
		response.headers().forEach(exchange.getResponseHeaders()::set);
		if (response.body() == null) {
			exchange.sendResponseHeaders(response.status(), -1);
			return;
		}
		exchange.getResponseHeaders().set("Content-Type", contentType(response.body()));
		if (response.body() instanceof Response.Stream stream) {
			exchange.sendResponseHeaders(response.status(), 0);
			try (OutputStream out = exchange.getResponseBody()) {
				stream.writer().writeTo(out);
			}
			return;
		}
		exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private record PathRoutes(Pattern pattern, Map<String, Route> byMethod) {
	}

	private record Route(String name, boolean jsonBody, Endpoint endpoint) {
	}

}
