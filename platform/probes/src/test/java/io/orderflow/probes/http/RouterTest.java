package io.orderflow.probes.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** A router on a real JDK server on a free loopback port, asked over real HTTP. */
class RouterTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String TYPES = "urn:orderflow:test:problem:";

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<String> heard = new CopyOnWriteArrayList<>();

	private final Router router = new Router(TYPES, "test server", JSON).maxBodyBytes(64)
		.headers(Map.of("Cache-Control", "no-store"))
		.listener(new Router.Listener() {

			@Override
			public void received(String route) {
				heard.add(route);
			}

			@Override
			public void answered(int status) {
				heard.add(String.valueOf(status));
			}

		})
		.get("/health", request -> Response.of(200, Map.of("status", "UP")))
		.get(Pattern.compile("/things/([a-z]+)"), request -> Response.of(200, Map.of("thing", request.pathGroup(1))))
		.get("/search", request -> Response.of(200, request.queryWithOnly(Set.of("q"))))
		.postJson("/echo", request -> Response.of(201, request.body()))
		.putJson("/echo", request -> Response.noContent())
		.post("/raw", request -> {
			try {
				return Response.text(202, "text/plain",
						new String(request.bodyStream().readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		})
		.get("/refused", request -> {
			throw new HttpProblem(429, "rate-limited", "Too many requests", "Slow down").withCode("rate_limit")
				.withHeader("Retry-After", "1");
		})
		.get("/bug", request -> {
			throw new IllegalStateException("a bug");
		})
		.get("/stream", request -> Response.of(200, new Response.Stream("text/event-stream", out -> {
			out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
			out.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
		})));

	private final EmbeddedHttpServer server = EmbeddedHttpServer.start("router-test",
			new InetSocketAddress("127.0.0.1", 0), 0, router);

	@AfterEach
	void stop() {
		server.close();
		http.close();
	}

	@Test
	void aRouteAnswersJsonWithTheHeadersOfEveryAnswer() throws Exception {
		HttpResponse<String> response = send("GET", "/health", null, null);

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
		assertThat(heard).containsExactly("GET /health", "200");
	}

	@Test
	void aPatternMatchesTheWholePathAndHandsOverItsGroups() throws Exception {
		assertThat(send("GET", "/things/lamp", null, null).body()).isEqualTo("{\"thing\":\"lamp\"}");
		assertProblem(send("GET", "/things/lamp/more", null, null), 404, "not-found",
				"No endpoint at /things/lamp/more");
		assertProblem(send("GET", "/things/42", null, null), 404, "not-found", "No endpoint at /things/42");
	}

	@Test
	void anUnknownPathIsA404AndAnotherMethodA405ThatSaysWhichAreAllowed() throws Exception {
		assertProblem(send("GET", "/health/more", null, null), 404, "not-found", "No endpoint at /health/more");

		HttpResponse<String> response = send("DELETE", "/echo", null, null);

		assertProblem(response, 405, "method-not-allowed", "DELETE is not supported on /echo; allowed: POST, PUT");
		assertThat(response.headers().firstValue("Allow")).hasValue("POST, PUT");
		assertThat(heard).containsExactly("404", "405");
	}

	@Test
	void aJsonBodyIsReadAsAnObject() throws Exception {
		HttpResponse<String> response = send("POST", "/echo", "application/json; charset=utf-8", "{\"a\":1}");

		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.body()).isEqualTo("{\"a\":1}");
		assertThat(send("PUT", "/echo", "application/merge-patch+json", "{}").statusCode()).isEqualTo(204);
	}

	@Test
	void whatIsNotABoundedJsonObjectIsRefusedWithAProblem() throws Exception {
		assertProblem(send("POST", "/echo", "text/plain", "{}"), 415, "unsupported-media-type", "application/json");
		assertProblem(send("POST", "/echo", "application/x-www-form-urlencoded", "a=1"), 415, "unsupported-media-type",
				"was application/x-www-form-urlencoded");
		assertProblem(send("POST", "/echo", "application/json", "{\"a\":\"" + "x".repeat(64) + "\"}"), 413,
				"payload-too-large", "at most 64 bytes");
		assertProblem(send("POST", "/echo", "application/json", ""), 400, "invalid-request",
				"A JSON object is required");
		assertProblem(send("POST", "/echo", "application/json", "{\"a\":"), 400, "malformed-json", "(line 1, column");
		assertProblem(send("POST", "/echo", "application/json", "{\"a\":1,\"a\":2}"), 400, "malformed-json", "\"a\"");
		assertProblem(send("POST", "/echo", "application/json", "{} {}"), 400, "malformed-json", "not valid JSON");
		assertProblem(send("POST", "/echo", "application/json", "[1]"), 400, "invalid-request",
				"must be a JSON object");
	}

	@Test
	void aQueryParameterGivenTwiceOrNotAllowedIsRefused() throws Exception {
		assertThat(send("GET", "/search?q=a%20b", null, null).body()).isEqualTo("{\"q\":\"a b\"}");
		assertProblem(send("GET", "/search?q=a&q=b", null, null), 400, "invalid-request", "given more than once");
		assertProblem(send("GET", "/search?qq=a", null, null), 400, "invalid-request",
				"Unknown query parameter(s) [qq]");
	}

	@Test
	void aRefusalCarriesItsCodeAndHeadersAndABugIsA500WithoutItsStackTrace() throws Exception {
		HttpResponse<String> refused = send("GET", "/refused", null, null);
		HttpResponse<String> bug = send("GET", "/bug", null, null);

		JsonNode problem = assertProblem(refused, 429, "rate-limited", "Slow down");
		assertThat(problem.path("code").asString()).isEqualTo("rate_limit");
		assertThat(problem.path("instance").asString()).isEqualTo("/refused");
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertProblem(bug, 500, "internal-error", "The test server failed unexpectedly; see its log");
		assertThat(bug.body()).doesNotContain("IllegalStateException", "a bug", "\tat ");
		assertThat(JSON.readTree(bug.body()).has("code")).isFalse();
	}

	@Test
	void anotherMediaTypeAndAStreamAreWrittenAsTheyAre() throws Exception {
		HttpResponse<String> raw = send("POST", "/raw", "text/plain", "as it is");
		HttpResponse<String> stream = send("GET", "/stream", null, null);

		assertThat(raw.statusCode()).isEqualTo(202);
		assertThat(raw.headers().firstValue("Content-Type")).hasValue("text/plain");
		assertThat(raw.body()).isEqualTo("as it is");
		assertThat(stream.headers().firstValue("Content-Type")).hasValue("text/event-stream");
		assertThat(stream.body()).isEqualTo("data: one\n\ndata: two\n\n");
	}

	@Test
	void theServerSaysWhereItListens() {
		assertThat(server.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
	}

	private JsonNode assertProblem(HttpResponse<String> response, int status, String slug, String detail) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.MEDIA_TYPE);
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.path("type").asString()).isEqualTo(TYPES + slug);
		assertThat(problem.path("status").asInt()).isEqualTo(status);
		assertThat(problem.path("title").asString()).isNotBlank();
		assertThat(problem.path("detail").asString()).contains(detail);
		return problem;
	}

	private HttpResponse<String> send(String method, String path, String contentType, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri().resolve(path))
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
