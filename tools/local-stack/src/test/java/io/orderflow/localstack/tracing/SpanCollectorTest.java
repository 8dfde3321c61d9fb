package io.orderflow.localstack.tracing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The span collector over real HTTP, as a service's Zipkin reporter and a person's curl
 * use it.
 */
class SpanCollectorTest {

	private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";

	private static final String SPANS = """
			[{"traceId":"%s","id":"00f067aa0ba902b7","kind":"SERVER","name":"http post /api/orders",
			  "localEndpoint":{"serviceName":"order-service"},"tags":{"orderflow.order.id":"42"}},
			 {"traceId":"%s","parentId":"00f067aa0ba902b7","id":"10f067aa0ba902b7","kind":"PRODUCER",
			  "name":"orderflow.order.events send","localEndpoint":{"serviceName":"order-service"}},
			 {"traceId":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","id":"20f067aa0ba902b7","name":"other"}]""".formatted(TRACE,
			TRACE);

	private final HttpClient http = HttpClient.newHttpClient();

	private final SpanCollector collector = SpanCollector.start(0);

	@AfterEach
	void stop() {
		collector.close();
	}

	@Test
	void spansPostedAsZipkinJsonAreReadBackByTrace() throws Exception {
		assertThat(post(SPANS.getBytes(StandardCharsets.UTF_8), false).statusCode()).isEqualTo(202);

		assertThat(collector.trace(TRACE)).extracting(CollectedSpan::name)
			.containsExactly("http post /api/orders", "orderflow.order.events send");
		assertThat(collector.trace(TRACE).getFirst()).satisfies(span -> {
			assertThat(span.serviceName()).isEqualTo("order-service");
			assertThat(span.kind()).isEqualTo("SERVER");
			assertThat(span.parentId()).isNull();
			assertThat(span.tags()).containsEntry("orderflow.order.id", "42");
		});
		HttpResponse<String> trace = get("/api/v2/trace/" + TRACE.toUpperCase());
		assertThat(trace.statusCode()).isEqualTo(200);
		assertThat(trace.body()).contains("http post /api/orders").doesNotContain("\"other\"");
		assertThat(get("/api/v2/traces?limit=1").body()).contains("\"other\"").doesNotContain("http post");
	}

	@Test
	void aGzippedBodyIsAcceptedAsTheReporterSendsLargeBatches() throws Exception {
		assertThat(post(gzip(SPANS), true).statusCode()).isEqualTo(202);

		assertThat(collector.trace(TRACE)).hasSize(2);
	}

	@Test
	void whatIsNotAJsonArrayOfSpansIsRefusedAndNothingIsKept() throws Exception {
		assertThat(post("{\"traceId\":\"x\"}".getBytes(StandardCharsets.UTF_8), false).statusCode()).isEqualTo(400);
		assertThat(post("not json".getBytes(StandardCharsets.UTF_8), false).statusCode()).isEqualTo(400);
		assertThat(post("not gzip".getBytes(StandardCharsets.UTF_8), true).statusCode()).isEqualTo(400);

		assertThat(collector.spans()).isEmpty();
		assertThat(get("/api/v2/trace/" + TRACE).statusCode()).isEqualTo(404);
	}

	private HttpResponse<String> post(byte[] body, boolean gzipped) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(collector.spansEndpoint())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(body));
		if (gzipped) {
			request.header("Content-Encoding", "gzip");
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		URI uri = collector.baseUri().resolve(path);
		return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static byte[] gzip(String text) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(text.getBytes(StandardCharsets.UTF_8));
		}
		return bytes.toByteArray();
	}

}
