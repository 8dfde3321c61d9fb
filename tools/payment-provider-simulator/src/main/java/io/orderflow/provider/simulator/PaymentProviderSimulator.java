package io.orderflow.provider.simulator;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Objects;

import io.orderflow.probes.http.EmbeddedHttpServer;
import io.orderflow.probes.http.Response;
import io.orderflow.probes.http.Router;

/**
 * A small but real HTTP payment provider with Stripe's semantics: a secret API key,
 * idempotency keys (a key in flight is a 409, a stored 500 is replayed), a rate limit,
 * lookups, a ledger of charges and refunds, Stripe's test payment method tokens, and
 * latency and errors of every kind a real provider gives, injectable at runtime.
 *
 * <p>
 * Embedded in tests: <pre>{@code
 * try (var provider = PaymentProviderSimulator.start(new InetSocketAddress("127.0.0.1", 0))) {
 *     URI base = provider.baseUri();
 *     String secret = provider.apiKey();  // clients send Authorization: Bearer <secret>
 *     ... provider.ledger().chargesFor(orderId) ...
 * }
 * }</pre> Standalone:
 * {@code API_KEY=... java io.orderflow.provider.simulator.PaymentProviderSimulator [port]}.
 *
 * <p>
 * Built on the JDK's own HTTP server, with one virtual thread per request, so that it
 * starts in milliseconds and adds nothing but Jackson and the small
 * {@code platform-probes} to a classpath (see ADR 0007).
 */
public final class PaymentProviderSimulator implements AutoCloseable {

	public static final int DEFAULT_PORT = 8090;

	public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

	/**
	 * Problem type URIs are URNs: stable identifiers that do not pretend to be web pages.
	 */
	static final String PROBLEM_TYPES = "urn:orderflow:payment-provider:problem:";

	private final Ledger ledger = new Ledger();

	private final RequestStats stats = new RequestStats();

	private final FaultInjector faults = new FaultInjector(stats);

	private final RateLimiter rateLimiter = new RateLimiter();

	private final IdempotencyStore idempotency = new IdempotencyStore(stats);

	private final ApiKey apiKey;

	private final EmbeddedHttpServer server;

	private PaymentProviderSimulator(InetSocketAddress address, ApiKey apiKey) {
		this.apiKey = apiKey;
		this.server = EmbeddedHttpServer.start("payment-provider-simulator", address, 0, routes());
	}

	/**
	 * Starts a simulator listening on the given address, with a freshly generated API key
	 * ({@link #apiKey()}); port 0 picks a free port.
	 * @throws UncheckedIOException when the address cannot be bound
	 */
	public static PaymentProviderSimulator start(InetSocketAddress address) {
		return listen(address, ApiKey.generate());
	}

	/**
	 * Starts a simulator that accepts API calls with this secret key only; port 0 picks a
	 * free port.
	 * @throws IllegalArgumentException when the key is {@code null} or blank
	 * @throws UncheckedIOException when the address cannot be bound
	 */
	public static PaymentProviderSimulator start(InetSocketAddress address, String apiKey) {
		return listen(address, new ApiKey(apiKey));
	}

	private static PaymentProviderSimulator listen(InetSocketAddress address, ApiKey apiKey) {
		return new PaymentProviderSimulator(address, apiKey);
	}

	private Router routes() {
		FaultsHandler faultsHandler = new FaultsHandler(faults);
		ProviderApi api = new ProviderApi(apiKey, rateLimiter, faults);
		Router.Listener counted = new Router.Listener() {

			@Override
			public void received(String route) {
				stats.requestReceived(route);
			}

			@Override
			public void answered(int status) {
				stats.answered(status);
			}

		};
		return new Router(PROBLEM_TYPES, "simulator", Json.MAPPER).listener(counted)
			.postJson("/v1/charges", api.endpoint(new ChargeHandler(ledger, idempotency)))
			.postJson("/v1/refunds", api.endpoint(new RefundHandler(ledger, idempotency)))
			.get("/v1/charges", api.endpoint(LookupHandler.chargesByReference(ledger)))
			.get("/v1/refunds", api.endpoint(LookupHandler.refundsByCharge(ledger)))
			.get("/v1/ledger", new LedgerHandler(ledger))
			.get("/v1/admin/faults", faultsHandler::get)
			.putJson("/v1/admin/faults", faultsHandler::put)
			.get("/v1/admin/stats", request -> Response.of(200, stats.snapshot()))
			.post("/v1/admin/reset", request -> {
				reset();
				return Response.noContent();
			})
			.get("/health", request -> Response.of(200, Map.of("status", "UP")));
	}

	/** The port actually listened on, also when started with port 0. */
	public int port() {
		return server.port();
	}

	/** The base URI clients use, e.g. {@code http://127.0.0.1:8090}. */
	public URI baseUri() {
		return server.baseUri();
	}

	/**
	 * The secret key that every call of the provider's API must send as
	 * {@code Authorization: Bearer <key>}.
	 */
	public String apiKey() {
		return apiKey.value();
	}

	/** Read-only view of every charge and refund booked since start or the last reset. */
	public Ledger ledger() {
		return ledger;
	}

	/**
	 * The faults injected into the calls of the provider's API, and its rate limit;
	 * switchable at runtime.
	 */
	public FaultInjector faults() {
		return faults;
	}

	/**
	 * Requests received per endpoint, and the unfriendly answers given: injected, 401,
	 * 409, 429, replays.
	 */
	public RequestStats stats() {
		return stats;
	}

	/**
	 * Forgets everything: ledger, idempotency keys, faults, rate limit and stats, as
	 * after a fresh start. The API key stays.
	 */
	public void reset() {
		faults.reset();
		rateLimiter.reset();
		idempotency.clear();
		ledger.clear();
		stats.reset();
	}

	/**
	 * Stops listening at once; requests still waiting on injected latency are
	 * interrupted.
	 */
	@Override
	public void close() {
		server.close();
	}

	/**
	 * Runs the simulator until the process is stopped (SIGTERM or Ctrl-C).
	 * @param args optional port; otherwise env {@code PORT}, otherwise
	 * {@value #DEFAULT_PORT}. The address is env {@code BIND_ADDRESS}, otherwise
	 * {@value #DEFAULT_BIND_ADDRESS}. The secret key is env {@code API_KEY}, required: a
	 * provider that takes any caller would hide a client that sends no key or the wrong
	 * one. The initial rate limit is env {@code RATE_LIMIT_PER_SECOND} (default 0, none).
	 */
	public static void main(String[] args) {
		PaymentProviderSimulator simulator;
		try {
			int port = port(args, System.getenv("PORT"));
			String bindAddress = System.getenv("BIND_ADDRESS");
			if (bindAddress == null || bindAddress.isBlank()) {
				bindAddress = DEFAULT_BIND_ADDRESS;
			}
			String apiKey = apiKey(System.getenv("API_KEY"));
			int rateLimit = rateLimitPerSecond(System.getenv("RATE_LIMIT_PER_SECOND"));
			simulator = start(new InetSocketAddress(bindAddress, port), apiKey);
			simulator.faults().set(FaultSettings.NONE.withRateLimitPerSecond(rateLimit));
		}
		catch (RuntimeException ex) {
			System.err
				.println("Payment provider simulator not started: " + Objects.toString(ex.getMessage(), ex.toString()));
			System.exit(ex instanceof IllegalArgumentException ? 2 : 1);
			return;
		}
		// the HTTP server's dispatcher thread keeps the JVM alive; the hook ends it on
		// SIGTERM
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			simulator.close();
			System.out.println("Payment provider simulator stopped");
		}, "payment-provider-simulator-shutdown"));
		int rateLimit = simulator.faults().settings().rateLimitPerSecond();
		System.out.println("Payment provider simulator listening on " + simulator.baseUri()
				+ ((rateLimit == 0) ? ", no rate limit" : ", at most " + rateLimit + " API calls per second"));
	}

	static String apiKey(String apiKeyVariable) {
		if (apiKeyVariable == null || apiKeyVariable.isBlank()) {
			throw new IllegalArgumentException(
					"env API_KEY is required: the secret key that clients send as " + "Authorization: Bearer <key>");
		}
		return apiKeyVariable;
	}

	/**
	 * The initial rate limit, from env {@code RATE_LIMIT_PER_SECOND}; 0 (none) when
	 * unset.
	 */
	static int rateLimitPerSecond(String rateLimitVariable) {
		if (rateLimitVariable == null || rateLimitVariable.isBlank()) {
			return 0;
		}
		try {
			int rateLimit = Integer.parseInt(rateLimitVariable.trim());
			// validated where every other setting is, with the same message
			return FaultSettings.NONE.withRateLimitPerSecond(rateLimit).rateLimitPerSecond();
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"env RATE_LIMIT_PER_SECOND must be a whole number, was '" + rateLimitVariable + "'");
		}
	}

	static int port(String[] args, String portVariable) {
		String value = (args.length > 0) ? args[0] : portVariable;
		if (value == null || value.isBlank()) {
			return DEFAULT_PORT;
		}
		try {
			int port = Integer.parseInt(value.trim());
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("port must be a number, was '" + value + "'");
		}
	}

}
