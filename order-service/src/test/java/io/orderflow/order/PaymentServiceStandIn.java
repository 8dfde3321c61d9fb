package io.orderflow.order;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import io.orderflow.probes.http.EmbeddedHttpServer;

/**
 * A real HTTP server in the place of payment-service's
 * {@code GET /api/payments?orderId=}, answering for each order what a test scripted. An
 * order no test scripted gets no answer at all: the connection is closed before a status
 * line, as from a payment-service that is down. Answers are scripted per order, so tests
 * never disturb each other.
 */
public final class PaymentServiceStandIn {

	private static final Pattern ORDER_ID = Pattern.compile("(?:^|&)orderId=([0-9a-fA-F-]{36})(?:&|$)");

	private final Map<UUID, Answer> answers = new ConcurrentHashMap<>();

	private final Map<UUID, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final Map<UUID, String> authorizations = new ConcurrentHashMap<>();

	private final EmbeddedHttpServer server;

	private PaymentServiceStandIn() {
		// a virtual thread per request: a slow answer does not hold up the others
		this.server = EmbeddedHttpServer.start("payment-service-stand-in", new InetSocketAddress("127.0.0.1", 0), 0,
				this::handle);
	}

	/** Starts on a free port of the loopback interface. */
	public static PaymentServiceStandIn start() {
		return new PaymentServiceStandIn();
	}

	public URI baseUrl() {
		return server.baseUri();
	}

	/** From now on, asked about the order, answers this status, content type and body. */
	public void answer(UUID orderId, int status, String contentType, String body) {
		answers.put(orderId, new Answer(status, contentType, body, Duration.ZERO));
	}

	/** Answers {@code 200} with this JSON. */
	public void answerJson(UUID orderId, String json) {
		answer(orderId, 200, "application/json", json);
	}

	/** Answers {@code 200} with this JSON, but only after {@code delay}. */
	public void answerJsonAfter(UUID orderId, Duration delay, String json) {
		answers.put(orderId, new Answer(200, "application/json", json, delay));
	}

	/** How many requests about the order reached the stand-in. */
	public int requestsFor(UUID orderId) {
		AtomicInteger count = requests.get(orderId);
		return count == null ? 0 : count.get();
	}

	/**
	 * The {@code Authorization} header of the last request about the order, as
	 * payment-service would check it; empty when none was sent.
	 */
	public String authorizationFor(UUID orderId) {
		return authorizations.getOrDefault(orderId, "");
	}

	public void stop() {
		server.close();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!exchange.getRequestURI().getPath().startsWith("/api/payments")) {
				respond(exchange, new Answer(404, null, "", Duration.ZERO));
				return;
			}
			String query = exchange.getRequestURI().getRawQuery();
			Matcher orderId = ORDER_ID.matcher(query == null ? "" : query);
			if (!orderId.find()) {
				respond(exchange, new Answer(400, "application/problem+json", "{\"status\":400}", Duration.ZERO));
				return;
			}
			UUID id = UUID.fromString(orderId.group(1));
			requests.computeIfAbsent(id, key -> new AtomicInteger()).incrementAndGet();
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			authorizations.put(id, authorization == null ? "" : authorization);
			Answer answer = answers.get(id);
			if (answer == null) {
				return; // closed without a status line: no answer
			}
			if (!answer.delay().isZero()) {
				sleep(answer.delay());
			}
			respond(exchange, answer);
		}
	}

	private static void respond(HttpExchange exchange, Answer answer) throws IOException {
		byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
		if (answer.contentType() != null) {
			exchange.getResponseHeaders().set("Content-Type", answer.contentType());
		}
		exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
		if (body.length > 0) {
			exchange.getResponseBody().write(body);
		}
	}

	/**
	 * The stand-in's own slowness, what a slow payment-service looks like to the client;
	 * no test waits on it.
	 */
	private static void sleep(Duration delay) {
		try {
			Thread.sleep(delay);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Answer(int status, String contentType, String body, Duration delay) {
	}

}
