package io.orderflow.console.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import io.orderflow.probes.identity.ClientCredentials;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console's one HTTP client for the system's public endpoints: short timeouts (a slow
 * or dead service must not hold the page up), JSON in and out, and every failure turned
 * into an answer the caller can show. Anonymous, or {@linkplain #as as} a client of the
 * identity provider whose bearer token goes with every request.
 */
public final class JsonHttp implements AutoCloseable {

	public static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient client;

	private final Duration timeout;

	/** Whose token goes with each request; {@code null} sends none. */
	private final ClientCredentials caller;

	public JsonHttp(Duration timeout) {
		this(HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(1))
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build(), timeout, null);
	}

	private JsonHttp(HttpClient client, Duration timeout, ClientCredentials caller) {
		this.client = client;
		this.timeout = timeout;
		this.caller = caller;
	}

	/**
	 * The same client sending {@code caller}'s bearer token; closing this one closes
	 * both.
	 */
	public JsonHttp as(ClientCredentials caller) {
		return new JsonHttp(client, timeout, caller);
	}

	/**
	 * An answer: {@code status} 0 when there was none (connection refused, timeout), with
	 * the reason in {@code error}. {@code json} is {@code null} when the body is not
	 * JSON.
	 */
	public record Answer(int status, String body, JsonNode json, String error) {

		public boolean ok() {
			return status / 100 == 2;
		}

		public boolean answered() {
			return status != 0;
		}

		/**
		 * A problem document's {@code detail}, else the body, else why there was no
		 * answer.
		 */
		public String explanation() {
			if (!answered()) {
				return error;
			}
			if (json != null && json.path("detail").isString()) {
				return json.path("detail").asString();
			}
			return body.length() > 300 ? body.substring(0, 300) + "…" : body;
		}

	}

	/** A look at the system: not traced (see {@link #notSampled()}). */
	public Answer get(URI uri) {
		return send(HttpRequest.newBuilder(uri)
			.header("Accept", "application/json")
			.header("traceparent", notSampled())
			.GET());
	}

	/**
	 * A GET for text, e.g. Prometheus' exposition format, which an
	 * {@code Accept: application/json} would refuse.
	 */
	public Answer getText(URI uri) {
		return send(
				HttpRequest.newBuilder(uri).header("Accept", "text/plain").header("traceparent", notSampled()).GET());
	}

	/**
	 * A W3C trace context whose sampled flag is off. The console looks at every service
	 * several times a second; the services sample every trace (a demo), and these looks
	 * would bury the traces of orders in the collector. A caller that says "not sampled"
	 * is one the services' tracers follow, without any setting on their side.
	 */
	static String notSampled() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "00-%016x%016x-%016x-00".formatted(random.nextLong() | 1, random.nextLong(), random.nextLong() | 1);
	}

	public Answer post(URI uri, Object body, Map<String, String> headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(body == null ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
		headers.forEach(request::header);
		return send(request);
	}

	public Answer put(URI uri, Object body) {
		return send(HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))));
	}

	private Answer send(HttpRequest.Builder request) {
		if (caller != null) {
			try {
				request.header("Authorization", caller.bearer());
			}
			catch (IllegalStateException ex) {
				// no token, no request: the page says why, as for a service that is down
				return new Answer(0, "", null, "no token: " + ex.getMessage());
			}
		}
		HttpRequest built = request.timeout(timeout).build();
		try {
			HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
			return new Answer(response.statusCode(), response.body(), parse(response.body()), null);
		}
		catch (IOException ex) {
			return new Answer(0, "", null, built.uri().getAuthority() + " did not answer ("
					+ (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()) + ")");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Answer(0, "", null, "interrupted");
		}
	}

	@Override
	public void close() {
		client.close();
	}

	private static JsonNode parse(String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			return JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

}
