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
import java.util.function.Supplier;
import java.util.regex.Pattern;

import io.orderflow.console.client.JsonHttp;
import io.orderflow.console.controls.CommandException;
import io.orderflow.console.controls.Commands;
import io.orderflow.console.events.EventLog;
import io.orderflow.console.events.OrderBoard;
import io.orderflow.console.status.SystemStatus;
import io.orderflow.probes.http.EmbeddedHttpServer;
import io.orderflow.probes.http.HttpProblem;
import io.orderflow.probes.http.Response;
import io.orderflow.probes.http.Router;

/**
 * The console's HTTP side, on the JDK's own server with a virtual thread per request (ADR
 * 0014):
 * <ul>
 * <li>{@code GET /} the page, {@code /console.js}, {@code /console.css};</li>
 * <li>{@code GET /api/stream} server-sent events: a snapshot, then updates;</li>
 * <li>{@code GET /api/snapshot}, {@code GET /api/orders/{id}},
 * {@code GET /api/dead-letters};</li>
 * <li>{@code POST /api/commands} what the page's controls do ({@link Commands}), a JSON
 * object of at most {@value #MAX_COMMAND_BYTES} bytes;</li>
 * <li>{@code GET /health}.</li>
 * </ul>
 * Every refusal is an RFC 9457 problem with a 4xx status; a 5xx means a service or the
 * broker did not answer (503), or a bug here (500, logged, never a stack trace in the
 * answer).
 */
public final class ConsoleServer implements AutoCloseable {

	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	static final int MAX_COMMAND_BYTES = 16 * 1024;

	private static final String PROBLEM_TYPES = "urn:orderflow:console:problem:";

	private static final Pattern ORDER = Pattern.compile("/api/orders/([0-9a-fA-F-]{36})");

	private final StaticAssets assets = new StaticAssets();

	private final LiveUpdates live;

	private final OrderBoard board;

	private final Commands commands;

	private final EmbeddedHttpServer server;

	private ConsoleServer(InetSocketAddress address, LiveUpdates live, OrderBoard board, Commands commands) {
		this.live = live;
		this.board = board;
		this.commands = commands;
		this.server = EmbeddedHttpServer.start("console", address, 50, routes());
	}

	/**
	 * Starts listening, and sending updates to the pages that connect.
	 * @throws UncheckedIOException when the address cannot be bound
	 */
	public static ConsoleServer start(InetSocketAddress address, OrderBoard board, EventLog events,
			Supplier<SystemStatus> status, Commands commands) {
		LiveUpdates live = new LiveUpdates(board, events, status, commands).start();
		try {
			return new ConsoleServer(address, live, board, commands);
		}
		catch (RuntimeException ex) {
			live.close();
			throw ex;
		}
	}

	public int port() {
		return server.port();
	}

	private Router routes() {
		Router router = new Router(PROBLEM_TYPES, "console", JsonHttp.JSON).maxBodyBytes(MAX_COMMAND_BYTES)
			.headers(Map.of("Cache-Control", "no-store", "X-Content-Type-Options", "nosniff"))
			.postJson("/api/commands", request -> {
				Commands.Result result = refusedAsProblem(() -> commands.execute(request.body()));
				return Response.of(result.status(), result);
			})
			.get("/health", request -> Response.of(200, Map.of("status", "UP")))
			.get("/api/snapshot", request -> Response.of(200, live.snapshot()))
			.get("/api/stream", request -> stream())
			.get("/api/dead-letters", request -> Response.of(200, refusedAsProblem(commands::deadLetters)))
			.get(ORDER,
					request -> Response.of(200,
							board.find(request.pathGroup(1).toLowerCase(Locale.ROOT))
								.orElseThrow(() -> new HttpProblem(404, "not-found", "Order not seen",
										"The console has not seen order " + request.pathGroup(1) + " on the topics"))));
		assets.byPath()
			.forEach((path, asset) -> router.get(path,
					request -> Response.of(200, new Response.Bytes(asset.contentType(), asset.bytes()))
						.withHeader("Content-Security-Policy", StaticAssets.CONTENT_SECURITY_POLICY)));
		return router;
	}

	/**
	 * A command refused or not possible now is an answer with its own status, not a
	 * failure of the console.
	 */
	private static <T> T refusedAsProblem(Supplier<T> command) {
		try {
			return command.get();
		}
		catch (CommandException refused) {
			throw new HttpProblem(refused.status(), "command-refused", refused.title(), refused.getMessage());
		}
	}

	/** Server-sent events until the page goes away or the console stops. */
	private Response stream() {
		EventStream.Client client = live.connect();
		if (client == null) {
			throw new HttpProblem(503, "too-many-pages", "Too many pages",
					"At most " + EventStream.MAX_CLIENTS + " pages can follow the console at once")
				.withHeader("Retry-After", "10");
		}
		return Response.of(200, new Response.Stream("text/event-stream; charset=utf-8", out -> follow(client, out)));
	}

	private void follow(EventStream.Client client, OutputStream out) throws IOException {
		try {
			while (true) {
				byte[] message = client.next(HEARTBEAT);
				if (message != null && message.length == 0) {
					return;
				}
				// a comment line keeps proxies and the browser from giving up on a quiet
				// stream
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

	/** Base URI of the page, e.g. {@code http://127.0.0.1:8080/}. */
	public URI baseUri() {
		return server.baseUri().resolve("/");
	}

	@Override
	public void close() {
		live.close();
		server.close();
	}

}
