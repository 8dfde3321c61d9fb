package io.orderflow.console.web;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import io.orderflow.console.ClosedPorts;
import io.orderflow.console.ConsoleIdentity;
import io.orderflow.console.client.JsonHttp;
import io.orderflow.console.controls.Commands;
import io.orderflow.console.controls.ServiceControls;
import io.orderflow.console.events.EventLog;
import io.orderflow.console.events.OrderBoard;
import io.orderflow.console.status.ProviderStatus;
import io.orderflow.console.status.ServiceEndpoint;
import io.orderflow.console.status.SystemStatus;
import io.orderflow.provider.simulator.PaymentProviderSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The console's HTTP side on a real JDK server, with a real payment provider simulator
 * behind the provider controls and services that do not answer (their ports closed): bad
 * input of every kind gets a 4xx problem, a service that does not answer a 503 problem,
 * never a 500.
 */
class ConsoleServerTest {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final PaymentProviderSimulator provider = PaymentProviderSimulator
		.start(new InetSocketAddress("127.0.0.1", 0));

	private final JsonHttp http = new JsonHttp(Duration.ofSeconds(2));

	private final List<String> controlled = new CopyOnWriteArrayList<>();

	private ConsoleServer server;

	private Commands commands;

	private ConsoleServer start(ServiceControls controls) {
		List<ServiceEndpoint> services = Stream
			.concat(Stream.of("order-service", "payment-service", "notification-service")
				.map(name -> ServiceEndpoint.of(name, ClosedPorts.uri())),
					Stream.of(ServiceEndpoint.instance("payment-service", 2, ClosedPorts.uri(), ClosedPorts.uri())))
			.toList();
		OrderBoard board = new OrderBoard(10);
		// no identity provider: nothing in these tests reaches a service
		ConsoleIdentity nobody = ConsoleIdentity
			.demo(URI.create("http://127.0.0.1:" + ClosedPorts.port() + "/oauth2/token"));
		commands = new Commands(http, nobody.operator(), nobody.customer(), services, provider.baseUri(), null, board,
				controls, () -> {
				});
		SystemStatus status = new SystemStatus(Instant.now(), List.of(), List.of(), new ProviderStatus(true, 0L, 0.0),
				false, controls != null);
		server = ConsoleServer.start(new InetSocketAddress("127.0.0.1", 0), board, new EventLog(), () -> status,
				commands);
		return server;
	}

	@AfterEach
	void stop() {
		if (server != null) {
			server.close();
		}
		if (commands != null) {
			commands.close();
		}
		http.close();
		provider.close();
	}

	@Test
	void thePageComesFromTheConsoleItselfAndSaysSoInItsContentSecurityPolicy() throws Exception {
		start(null);

		HttpResponse<String> page = get("/");
		HttpResponse<String> script = get("/console.js");

		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
		assertThat(page.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying(policy -> assertThat(policy).contains("default-src 'self'", "script-src 'self'"));
		assertThat(page.body()).contains("<script src=\"console.js\" defer></script>")
			.doesNotContainPattern("(src|href)=\"(https?:)?//");
		assertThat(script.statusCode()).isEqualTo(200);
		assertThat(script.body()).doesNotContain("innerHTML");
	}

	static Stream<Arguments> hostileRequests() {
		String big = "{\"command\":\"place-order\",\"card\":\"" + "x".repeat(ConsoleServer.MAX_COMMAND_BYTES) + "\"}";
		return Stream.of(arguments("malformed JSON", "POST", "/api/commands", "application/json", "{\"command\":", 400),
				arguments("not an object", "POST", "/api/commands", "application/json", "[1,2]", 400),
				arguments("a bare string", "POST", "/api/commands", "application/json", "\"stop\"", 400),
				arguments("empty body", "POST", "/api/commands", "application/json", "", 400),
				arguments("trailing tokens", "POST", "/api/commands", "application/json",
						"{\"command\":\"stop-load\"} {}", 400),
				arguments("duplicate fields", "POST", "/api/commands", "application/json",
						"{\"command\":\"stop-load\",\"command\":\"place-order\"}", 400),
				arguments("oversized body", "POST", "/api/commands", "application/json", big, 413),
				arguments("a form post", "POST", "/api/commands", "application/x-www-form-urlencoded",
						"command=stop-load", 415),
				arguments("no command", "POST", "/api/commands", "application/json", "{}", 400),
				arguments("command not a string", "POST", "/api/commands", "application/json", "{\"command\":7}", 400),
				arguments("unknown command", "POST", "/api/commands", "application/json", "{\"command\":\"rm -rf\"}",
						400),
				arguments("unknown field", "POST", "/api/commands", "application/json",
						"{\"command\":\"stop-load\",\"force\":true}", 400),
				arguments("unknown card", "POST", "/api/commands", "application/json",
						"{\"command\":\"place-order\",\"card\":\"gold\"}", 400),
				arguments("rate out of range", "POST", "/api/commands", "application/json",
						"{\"command\":\"start-load\",\"ratePerSecond\":1000,\"approvedShare\":0.5}", 400),
				arguments("share not a number", "POST", "/api/commands", "application/json",
						"{\"command\":\"start-load\",\"ratePerSecond\":1,\"approvedShare\":\"half\"}", 400),
				arguments("NaN-like error rate", "POST", "/api/commands", "application/json",
						"{\"command\":\"set-provider-faults\",\"latencyMs\":0,\"errorRate\":1e400}", 400),
				arguments("fractional latency", "POST", "/api/commands", "application/json",
						"{\"command\":\"set-provider-faults\",\"latencyMs\":1.5,\"errorRate\":0}", 400),
				arguments("unknown service", "POST", "/api/commands", "application/json",
						"{\"command\":\"stop-service\",\"service\":\"kafka\"}", 400),
				arguments("an instance's dead letters: its service's", "POST", "/api/commands", "application/json",
						"{\"command\":\"replay-dead-letters\",\"service\":\"payment-service-2\"}", 400),
				arguments("unknown topic", "POST", "/api/commands", "application/json",
						"{\"command\":\"publish-poison\",\"topic\":\"__consumer_offsets\"}", 400),
				arguments("services not controllable here", "POST", "/api/commands", "application/json",
						"{\"command\":\"stop-service\",\"service\":\"payment-service\"}", 409),
				arguments("no Kafka user that may write here", "POST", "/api/commands", "application/json",
						"{\"command\":\"publish-poison\",\"topic\":\"orderflow.payment.events\"}", 409),
				arguments("wrong method", "DELETE", "/api/commands", null, null, 405),
				arguments("GET a command", "GET", "/api/commands", null, null, 405),
				arguments("POST to the page", "POST", "/", "application/json", "{}", 405),
				arguments("unknown path", "GET", "/admin", null, null, 404),
				arguments("path traversal", "GET", "/../../etc/passwd", null, null, 404), arguments("order never seen",
						"GET", "/api/orders/3f2504e0-4f89-11d3-9a0c-0305e82c3301", null, null, 404),
				arguments("not an order id", "GET", "/api/orders/x", null, null, 404));
	}

	@ParameterizedTest(name = "{0} → {5}")
	@MethodSource("hostileRequests")
	void badInputGetsAProblemWithA4xxStatusAndAUsefulMessage(String name, String method, String path,
			String contentType, String body, int status) throws Exception {
		start(null);

		HttpResponse<String> response = send(method, path, contentType, body);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JsonHttp.JSON.readTree(response.body());
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).isNotBlank().doesNotContain("Exception", "\tat ");
	}

	@Test
	void aServiceThatDoesNotAnswerIsA503ProblemNotAFailureOfTheConsole() throws Exception {
		start(null);

		HttpResponse<String> response = send("POST", "/api/commands", "application/json",
				"{\"command\":\"place-order\"}");

		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(JsonHttp.JSON.readTree(response.body()).path("detail").asString())
			.startsWith("order-service did not take the order");
	}

	@Test
	void providerFaultsAreSetOnTheRealSimulator() throws Exception {
		start(null);

		HttpResponse<String> response = send("POST", "/api/commands", "application/json",
				"{\"command\":\"set-provider-faults\",\"latencyMs\":250,\"errorRate\":0.5}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(provider.faults().settings().errorRate()).isEqualTo(0.5);
		assertThat(provider.faults().settings().latency()).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void stopAndStartGoToTheServiceControlsWhereThereAreAny() throws Exception {
		start(recordingControls());

		HttpResponse<String> response = send("POST", "/api/commands", "application/json",
				"{\"command\":\"stop-service\",\"service\":\"payment-service\"}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(5)).until(() -> controlled.contains("stop payment-service"));
	}

	@Test
	void anotherInstanceIsStoppedByItsOwnName() throws Exception {
		start(recordingControls());

		HttpResponse<String> response = send("POST", "/api/commands", "application/json",
				"{\"command\":\"stop-service\",\"service\":\"payment-service-2\"}");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		await().atMost(Duration.ofSeconds(5)).until(() -> controlled.contains("stop payment-service-2"));
		assertThat(controlled).containsExactly("stop payment-service-2");
	}

	@Test
	void aPageThatFollowsTheStreamGetsASnapshotFirst() throws Exception {
		start(null);

		HttpResponse<Stream<String>> stream = HTTP.send(HttpRequest.newBuilder(uri("/api/stream")).build(),
				HttpResponse.BodyHandlers.ofLines());

		assertThat(stream.statusCode()).isEqualTo(200);
		assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
		List<String> first = stream.body().limit(2).toList();
		assertThat(first.get(0)).isEqualTo("event: snapshot");
		JsonNode snapshot = JsonHttp.JSON.readTree(first.get(1).substring("data: ".length()));
		assertThat(Set.copyOf(snapshot.propertyNames())).contains("status", "orders", "events", "chart", "load");
		assertThat(snapshot.path("chart").size()).isEqualTo(120);
	}

	/** Controls that write down what they were asked to do. */
	private ServiceControls recordingControls() {
		return new ServiceControls() {

			@Override
			public void stop(String service) {
				controlled.add("stop " + service);
			}

			@Override
			public void start(String service) {
				controlled.add("start " + service);
			}

			@Override
			public boolean isRunning(String service) {
				return true;
			}

		};
	}

	private HttpResponse<String> get(String path) throws Exception {
		return send("GET", path, null, null);
	}

	private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + server.port() + path);
	}

}
