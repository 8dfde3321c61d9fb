package io.orderflow.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import com.sun.net.httpserver.HttpExchange;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a command's JSON body, refusing what is not one: another media type (which also keeps other web pages from
 * posting here with a plain form), more than {@value #MAX_BYTES} bytes, malformed or ambiguous JSON, anything but
 * an object.
 */
final class JsonRequestBody {

	static final int MAX_BYTES = 16 * 1024;

	private static final JsonMapper STRICT = JsonMapper.builder()
		// {"errorRate":0,"errorRate":1} is ambiguous: refuse it instead of guessing
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private JsonRequestBody() {
	}

	static JsonNode read(HttpExchange exchange) {
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		if (!mediaType.equals("application/json")) {
			throw new HttpProblem(415, "unsupported-media-type", "Unsupported media type",
					"Content-Type must be application/json, was " + (contentType == null ? "missing" : contentType));
		}
		String declared = exchange.getRequestHeaders().getFirst("Content-Length");
		if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > MAX_BYTES) {
			throw tooLarge();
		}
		byte[] bytes;
		try (InputStream in = exchange.getRequestBody()) {
			bytes = in.readNBytes(MAX_BYTES + 1);
		}
		catch (IOException ex) {
			throw new HttpProblem(400, "invalid-request", "Invalid request", "The body could not be read");
		}
		if (bytes.length > MAX_BYTES) {
			throw tooLarge();
		}
		if (bytes.length == 0) {
			throw new HttpProblem(400, "invalid-request", "Invalid request", "A JSON object is required as body");
		}
		JsonNode body;
		try {
			body = STRICT.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw new HttpProblem(400, "malformed-json", "Malformed JSON",
					"The body is not valid JSON: " + ex.getOriginalMessage());
		}
		if (body == null || !body.isObject()) {
			throw new HttpProblem(400, "invalid-request", "Invalid request", "The body must be a JSON object");
		}
		return body;
	}

	private static HttpProblem tooLarge() {
		return new HttpProblem(413, "payload-too-large", "Payload too large",
				"A command must be at most " + MAX_BYTES + " bytes");
	}

}
