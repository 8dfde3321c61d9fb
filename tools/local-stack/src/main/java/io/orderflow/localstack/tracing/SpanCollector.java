package io.orderflow.localstack.tracing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import io.orderflow.probes.http.EmbeddedHttpServer;
import io.orderflow.probes.http.Request;
import io.orderflow.probes.http.Response;
import io.orderflow.probes.http.Router;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * A small span collector that speaks Zipkin's HTTP API, so the services export to it
 * exactly as they would to a Zipkin server
 * ({@code management.tracing.export.zipkin.endpoint}): {@code POST /api/v2/spans} takes a
 * JSON v2 array (gzip or not). People and tests read traces back with {@code GET
 * /api/v2/trace/{traceId}} and {@code GET /api/v2/traces?limit=n} (the most recent
 * traces), the same answers Zipkin gives. Built on the JDK's HTTP server with the router
 * the provider simulator and the console use; a real Zipkin needs Docker (docker compose
 * has one). It keeps the most recent {@value #MAX_SPANS} spans in memory.
 */
public final class SpanCollector implements AutoCloseable {

	public static final int MAX_SPANS = 50_000;

	private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

	private static final String SPANS = "/api/v2/spans";

	private static final Pattern TRACE = Pattern.compile("/api/v2/trace/(.+)");

	private static final String TRACES = "/api/v2/traces";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Deque<JsonNode> spans = new ArrayDeque<>();

	private final EmbeddedHttpServer server;

	private SpanCollector(int port) {
		Router router = new Router("urn:orderflow:span-collector:problem:", "span collector", JSON)
			.post(SPANS, this::accept)
			.get(TRACE, request -> {
				List<JsonNode> trace = spansOf(request.pathGroup(1));
				return trace.isEmpty() ? Response.text(404, "text/plain", "Trace not found") : Response.of(200, trace);
			})
			.get(TRACES, request -> Response.of(200, recentTraces(limit(request))));
		this.server = EmbeddedHttpServer.start("span-collector", new InetSocketAddress("127.0.0.1", port), 0, router);
	}

	/**
	 * @param port the port on 127.0.0.1, or 0 for a free one
	 * @throws UncheckedIOException when the port cannot be bound
	 */
	public static SpanCollector start(int port) {
		return new SpanCollector(port);
	}

	public int port() {
		return server.port();
	}

	public URI baseUri() {
		return server.baseUri();
	}

	/**
	 * Where services send spans: the value of
	 * {@code management.tracing.export.zipkin.endpoint}.
	 */
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
		server.close();
	}

	private Response accept(Request request) {
		byte[] body;
		try (InputStream in = bodyOf(request)) {
			body = readAtMost(in, MAX_BODY_BYTES);
		}
		catch (ZipException ex) {
			return Response.text(400, "text/plain", "Not gzip: " + ex.getMessage());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		if (body == null) {
			return Response.text(413, "text/plain", "More than " + MAX_BODY_BYTES + " bytes");
		}
		JsonNode received;
		try {
			received = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			return Response.text(400, "text/plain", "Not JSON: " + ex.getOriginalMessage());
		}
		if (!received.isArray()) {
			return Response.text(400, "text/plain", "Expected a JSON array of spans (Zipkin v2)");
		}
		synchronized (this) {
			for (JsonNode span : received) {
				spans.addLast(span);
				if (spans.size() > MAX_SPANS) {
					spans.removeFirst();
				}
			}
		}
		return Response.text(202, "text/plain", "");
	}

	private synchronized List<JsonNode> spansOf(String traceId) {
		String wanted = traceId.toLowerCase(Locale.ROOT);
		return spans.stream().filter(span -> wanted.equals(span.path("traceId").asString())).toList();
	}

	/**
	 * The last {@code limit} traces to receive a span, newest first, each as its spans.
	 */
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

	private static int limit(Request request) {
		String limit = request.query().get("limit");
		if (limit == null) {
			return 10;
		}
		try {
			return Math.clamp(Integer.parseInt(limit), 1, 1000);
		}
		catch (NumberFormatException ex) {
			return 10;
		}
	}

	private static InputStream bodyOf(Request request) throws IOException {
		String encoding = request.headers().getFirst("Content-Encoding");
		return "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(request.bodyStream()) : request.bodyStream();
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

}
