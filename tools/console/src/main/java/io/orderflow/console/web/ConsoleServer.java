package io.orderflow.console.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.orderflow.console.client.JsonHttp;
import io.orderflow.console.controls.CommandException;
import io.orderflow.console.controls.Commands;
import io.orderflow.console.events.EventLog;
import io.orderflow.console.events.OrderBoard;
import io.orderflow.console.status.SystemStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP side, on the JDK's own server with a virtual thread per request (ADR 0014):
 * <ul>
 * <li>{@code GET /} the page, {@code /console.js}, {@code /console.css};</li>
 * <li>{@code GET /api/stream} server-sent events: a snapshot, then updates;</li>
 * <li>{@code GET /api/snapshot}, {@code GET /api/orders/{id}}, {@code GET /api/dead-letters};</li>
 * <li>{@code POST /api/commands} what the page's controls do ({@link Commands});</li>
 * <li>{@code GET /health}.</li>
 * </ul>
 * Every refusal is an RFC 9457 problem with a 4xx status; a 5xx means a service or the broker did not answer (503),
 * or a bug here (500, logged, never a stack trace in the answer).
 */
public final class ConsoleServer implements AutoCloseable {

	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	private static final Set<String> READS = Set.of("/health", "/api/snapshot", "/api/stream", "/api/dead-letters");

	private static final Pattern ORDER = Pattern.compile("/api/orders/([0-9a-fA-F-]{36})");

	private static final Logger log = LoggerFactory.getLogger(ConsoleServer.class);

	private final HttpServer server;

	private final ExecutorService executor = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("console-http-", 0).factory());

	private final StaticAssets assets = new StaticAssets();

	private final LiveUpdates live;

	private final OrderBoard board;

	private final Commands commands;

	private ConsoleServer(HttpServer server, LiveUpdates live, OrderBoard board, Commands commands) {
		this.server = server;
		this.live = live;
		this.board = board;
		this.commands = commands;
		server.createContext("/", this::handle);
		server.setExecutor(executor);
	}

	/**
	 * Starts listening, and sending updates to the pages that connect.
	 * @throws UncheckedIOException when the address cannot be bound
	 */
	public static ConsoleServer start(InetSocketAddress address, OrderBoard board, EventLog events,
			Supplier<SystemStatus> status, Commands commands) {
		HttpServer server;
		try {
			server = HttpServer.create(address, 50);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("The console cannot listen on " + address, ex);
		}
		ConsoleServer console = new ConsoleServer(server, new LiveUpdates(board, events, status, commands).start(),
				board, commands);
		server.start();
		return console;
	}

	public int port() {
		return server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) {
		// the JDK server's dispatcher thread has the system class loader, which cannot see the classes of a nested
		// jar (the local stack's executable jar): Kafka's clients look theirs up through the context class loader
		Thread.currentThread().setContextClassLoader(ConsoleServer.class.getClassLoader());
		String path = Objects.requireNonNullElse(exchange.getRequestURI().getPath(), "");
		try (exchange) {
			try {
				route(exchange, path);
			}
			catch (HttpProblem problem) {
				problem.headers().forEach(exchange.getResponseHeaders()::set);
				sendJson(exchange, problem.status(), problem.toProblem(path));
			}
			catch (CommandException refused) {
				sendJson(exchange, refused.status(), new Problem(Problem.type("command-refused"), refused.title(),
						refused.status(), refused.getMessage(), path));
			}
			catch (RuntimeException | LinkageError ex) {
				log.error("Unexpected failure answering {}", path, ex);
				sendJson(exchange, 500, new Problem(Problem.type("internal-error"), "Internal error", 500,
						"The console failed unexpectedly; see its log", path));
			}
		}
		catch (IOException ex) {
			// the browser went away before it got its answer
			log.debug("Could not answer {}: {}", path, ex.toString());
		}
	}

	private void route(HttpExchange exchange, String path) throws IOException {
		String method = exchange.getRequestMethod();
		if (path.equals("/api/commands")) {
			allow(method, "POST", path);
			Commands.Result result = commands.execute(JsonRequestBody.read(exchange));
			sendJson(exchange, result.status(), result);
			return;
		}
		StaticAssets.Asset asset = assets.find(path);
		var order = ORDER.matcher(path);
		if (asset == null && !order.matches() && !READS.contains(path)) {
			throw new HttpProblem(404, "not-found", "Not found", "Nothing here; the console is at /");
		}
		allow(method, "GET", path);
		if (asset != null) {
			exchange.getResponseHeaders().set("Content-Security-Policy", StaticAssets.CONTENT_SECURITY_POLICY);
			send(exchange, 200, asset.contentType(), asset.bytes());
			return;
		}
		switch (path) {
			case "/health" -> sendJson(exchange, 200, Map.of("status", "UP"));
			case "/api/snapshot" -> sendJson(exchange, 200, live.snapshot());
			case "/api/stream" -> stream(exchange);
			case "/api/dead-letters" -> sendJson(exchange, 200, commands.deadLetters());
			default -> sendJson(exchange, 200, board.find(order.group(1).toLowerCase(Locale.ROOT))
					.orElseThrow(() -> new HttpProblem(404, "not-found", "Order not seen",
							"The console has not seen order " + order.group(1) + " on the topics")));
		}
	}

	private static void allow(String method, String allowed, String path) {
		if (!method.equals(allowed)) {
			throw new HttpProblem(405, "method-not-allowed", "Method not allowed",
					method.replaceAll("[^A-Za-z]", "") + " is not supported on " + path + "; allowed: " + allowed,
					Map.of("Allow", allowed));
		}
	}

	/** Server-sent events until the page goes away or the console stops. */
	private void stream(HttpExchange exchange) throws IOException {
		EventStream.Client client = live.connect();
		if (client == null) {
			throw new HttpProblem(503, "too-many-pages", "Too many pages",
					"At most " + EventStream.MAX_CLIENTS + " pages can follow the console at once",
					Map.of("Retry-After", "10"));
		}
		try {
			exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			exchange.sendResponseHeaders(200, 0);
			OutputStream out = exchange.getResponseBody();
			while (true) {
				byte[] message = client.next(HEARTBEAT);
				if (message != null && message.length == 0) {
					return;
				}
				// a comment line keeps proxies and the browser from giving up on a quiet stream
				out.write(message != null ? message : ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8));
				out.flush();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			live.disconnect(client);
		}
	}

	private static void sendJson(HttpExchange exchange, int status, Object body) throws IOException {
		send(exchange, status, body instanceof Problem ? Problem.MEDIA_TYPE : "application/json",
				JsonHttp.JSON.writeValueAsBytes(body));
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.getResponseHeaders().set("Cache-Control", "no-store");
		exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
		exchange.sendResponseHeaders(status, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** Base URI of the page, e.g. {@code http://127.0.0.1:8080/}. */
	public URI baseUri() {
		var address = server.getAddress().getAddress();
		String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
		return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
	}

	@Override
	public void close() {
		live.close();
		server.stop(0);
		executor.shutdownNow();
	}

}
