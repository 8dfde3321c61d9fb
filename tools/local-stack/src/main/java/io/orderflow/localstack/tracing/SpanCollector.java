package io.orderflow.localstack.tracing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * A small span collector that speaks Zipkin's HTTP API, so the services export to it exactly as they would to a
 * Zipkin server ({@code management.tracing.export.zipkin.endpoint}): {@code POST /api/v2/spans} takes a JSON v2
 * array (gzip or not). People and tests read traces back with {@code GET /api/v2/trace/{traceId}} and
 * {@code GET /api/v2/traces?limit=n} (the most recent traces), the same answers Zipkin gives. Built on the JDK's
 * HTTP server like the provider simulator; a real Zipkin needs Docker (docker compose has one). It keeps the most
 * recent {@value #MAX_SPANS} spans in memory.
 */
public final class SpanCollector implements AutoCloseable {

	public static final int MAX_SPANS = 50_000;

	private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

	private static final String SPANS = "/api/v2/spans";

	private static final String TRACE = "/api/v2/trace/";

	private static final String TRACES = "/api/v2/traces";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Deque<JsonNode> spans = new ArrayDeque<>();

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpServer server;

	private SpanCollector(HttpServer server) {
		this.server = server;
		server.createContext("/api/v2/", this::handle);
		server.setExecutor(executor);
		server.start();
	}

	/** @param port the port on 127.0.0.1, or 0 for a free one */
	public static SpanCollector start(int port) {
		try {
			return new SpanCollector(HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Span collector cannot listen on 127.0.0.1:" + port, ex);
		}
	}

	public int port() {
		return server.getAddress().getPort();
	}

	public URI baseUri() {
		return URI.create("http://127.0.0.1:" + port());
	}

	/** Where services send spans: the value of {@code management.tracing.export.zipkin.endpoint}. */
	public URI spansEndpoint() {
		return baseUri().resolve(SPANS);
	}

	/** Every span kept, oldest first. */
	public synchronized List<CollectedSpan> spans() {
		return spans.stream().map(CollectedSpan::of).toList();
	}

	/** The spans of one trace, oldest first; empty if none arrived (yet). */
	public List<CollectedSpan> trace(String traceId) {
		return spansOf(traceId).stream().map(CollectedSpan::of).toList();
	}

	@Override
	public void close() {
		server.stop(0);
		executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			String method = exchange.getRequestMethod();
			if (path.equals(SPANS) && method.equals("POST")) {
				accept(exchange);
			}
			else if (path.startsWith(TRACE) && method.equals("GET")) {
				List<JsonNode> trace = spansOf(path.substring(TRACE.length()));
				if (trace.isEmpty()) {
					respond(exchange, 404, "text/plain", "Trace not found");
				}
				else {
					respond(exchange, 200, "application/json", JSON.writeValueAsString(trace));
				}
			}
			else if (path.equals(TRACES) && method.equals("GET")) {
				respond(exchange, 200, "application/json", JSON.writeValueAsString(recentTraces(limit(exchange))));
			}
			else {
				respond(exchange, 404, "text/plain", "Not found: " + method + " " + path);
			}
		}
	}

	private void accept(HttpExchange exchange) throws IOException {
		byte[] body;
		try (InputStream in = bodyOf(exchange)) {
			body = readAtMost(in, MAX_BODY_BYTES);
		}
		catch (ZipException ex) {
			respond(exchange, 400, "text/plain", "Not gzip: " + ex.getMessage());
			return;
		}
		if (body == null) {
			respond(exchange, 413, "text/plain", "More than " + MAX_BODY_BYTES + " bytes");
			return;
		}
		JsonNode received;
		try {
			received = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			respond(exchange, 400, "text/plain", "Not JSON: " + ex.getOriginalMessage());
			return;
		}
		if (!received.isArray()) {
			respond(exchange, 400, "text/plain", "Expected a JSON array of spans (Zipkin v2)");
			return;
		}
		synchronized (this) {
			for (JsonNode span : received) {
				spans.addLast(span);
				if (spans.size() > MAX_SPANS) {
					spans.removeFirst();
				}
			}
		}
		respond(exchange, 202, "text/plain", "");
	}

	private synchronized List<JsonNode> spansOf(String traceId) {
		String wanted = traceId.toLowerCase(Locale.ROOT);
		return spans.stream().filter(span -> wanted.equals(span.path("traceId").asString())).toList();
	}

	/** The last {@code limit} traces to receive a span, newest first, each as its spans. */
	private synchronized List<ArrayNode> recentTraces(int limit) {
		Map<String, ArrayNode> traces = new LinkedHashMap<>();
		List<JsonNode> newestFirst = new ArrayList<>(spans).reversed();
		for (JsonNode span : newestFirst) {
			String traceId = span.path("traceId").asString();
			if (traces.containsKey(traceId) || traces.size() < limit) {
				traces.computeIfAbsent(traceId, id -> JSON.createArrayNode()).insert(0, span);
			}
		}
		return List.copyOf(traces.values());
	}

	private static int limit(HttpExchange exchange) {
		String query = exchange.getRequestURI().getQuery();
		if (query != null) {
			for (String parameter : query.split("&")) {
				if (parameter.startsWith("limit=")) {
					try {
						return Math.clamp(Integer.parseInt(parameter.substring("limit=".length())), 1, 1000);
					}
					catch (NumberFormatException ex) {
						return 10;
					}
				}
			}
		}
		return 10;
	}

	private static InputStream bodyOf(HttpExchange exchange) throws IOException {
		String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
		InputStream body = exchange.getRequestBody();
		return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(body) : body;
	}

	/** The whole stream, or {@code null} if it is longer than {@code max} bytes. */
	private static byte[] readAtMost(InputStream in, int max) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		int read;
		while ((read = in.read(buffer)) != -1) {
			if (out.size() + read > max) {
				return null;
			}
			out.write(buffer, 0, read);
		}
		return out.toByteArray();
	}

	private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
		if (bytes.length > 0) {
			exchange.getResponseBody().write(bytes);
		}
	}

}
