package io.orderflow.web.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.orderflow.web.WebSupportTestApplication;
import org.apache.catalina.Valve;
import org.apache.catalina.valves.ErrorReportValve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

/**
 * The requests the embedded Tomcat refuses before Spring MVC sees them are answered with
 * a problem document (I8, docs/architecture.md), on a real Tomcat started by Spring Boot
 * with platform/web auto-configured as in a service. The requests go over a plain socket,
 * byte for byte: HTTP clients refuse to send most of them.
 */
@SpringBootTest(classes = WebSupportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.mvc.problemdetails.enabled=true")
class ProblemJsonErrorReportValveIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Value("${local.server.port}")
	private int port;

	@Autowired
	private ServletWebServerApplicationContext context;

	static Stream<Arguments> refusedByTomcat() {
		return Stream.of(Arguments.of("an encoded slash in the path", "GET /things/a%2fb HTTP/1.1", "", "%2F"),
				Arguments.of("an encoded backslash in the path", "GET /things/a%5Cb HTTP/1.1", "", "%5C"),
				Arguments.of("an encoded NUL in the path", "GET /things/a%00b HTTP/1.1", "", "%00"),
				Arguments.of("invalid UTF-8 in the path", "GET /things/%c0%ae HTTP/1.1", "", "UTF-8"),
				Arguments.of("a broken percent escape in the path", "GET /things/%zz HTTP/1.1", "", "hexadecimal"),
				Arguments.of("a path above the root", "GET /things/../../etc HTTP/1.1", "", "'..'"),
				Arguments.of("an unencoded { in the query", "GET /things?q={x} HTTP/1.1", "", "percent-encoded"),
				Arguments.of("an unencoded | in the query", "GET /things?q=a|b HTTP/1.1", "", "percent-encoded"),
				Arguments.of("a 20 000-char path", "GET /things/" + "x".repeat(20_000) + " HTTP/1.1", "", "8192 bytes"),
				Arguments.of("a 10 KB header", "GET /things/42 HTTP/1.1", "X-Big: " + "k".repeat(10_240) + "\r\n",
						"8192 bytes"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource
	void refusedByTomcat(String what, String requestLine, String headers, String detailMentions) throws IOException {
		RawResponse response = send(requestLine, headers);

		assertThat(response.status()).as(what + " -> " + response).isEqualTo(400);
		assertThat(response.header("content-type")).as(response.toString()).isEqualTo("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("type").asString()).isEqualTo("about:blank");
		assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		String detail = problem.get("detail").asString();
		assertThat(detail).isNotBlank().contains(detailMentions).doesNotContain("Exception", "org.apache", "\tat ");
		assertThat(detail).as("never echoes the request").doesNotContain("xxxxxxxx", "kkkkkkkk", "etc", "{x}");
	}

	@Test
	void aNotFoundFromSpringMvcIsLeftAsSpringWroteIt() throws IOException {
		RawResponse response = send("GET /things/7 HTTP/1.1", "");

		assertThat(response.status()).as(response.toString()).isEqualTo(404);
		assertThat(response.header("content-type")).isEqualTo("application/problem+json");
		JsonNode problem = JSON.readTree(response.body());
		assertThat(problem.get("detail").asString()).isEqualTo("No thing 7.");
		assertThat(problem.get("instance").asString()).as("only Spring MVC writes an instance").isEqualTo("/things/7");
	}

	@Test
	void aValidRequestIsServedAsUsual() throws IOException {
		RawResponse response = send("GET /things/42 HTTP/1.1", "");

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("the answer");
	}

	@Test
	void theHostHasOneErrorReportValveAndItIsTheProblemJsonOne() {
		Valve[] valves = ((TomcatWebServer) this.context.getWebServer()).getTomcat()
			.getHost()
			.getPipeline()
			.getValves();

		assertThat(Arrays.stream(valves).filter(ErrorReportValve.class::isInstance)).singleElement()
			.isInstanceOf(ProblemJsonErrorReportValve.class);
	}

	// ---- HTTP/1.1 by hand

	record RawResponse(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.get(name);
		}

		@Override
		public String toString() {
			return this.status + " " + this.headers + " " + this.body;
		}

	}

	private RawResponse send(String requestLine, String headers) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5_000);
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(
					(requestLine + "\r\nHost: 127.0.0.1:" + this.port + "\r\n" + headers + "Connection: close\r\n\r\n")
						.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return parse(readAll(socket.getInputStream()));
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		in.transferTo(bytes);
		return bytes.toByteArray();
	}

	private static RawResponse parse(byte[] raw) {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int headEnd = text.indexOf("\r\n\r\n");
		assertThat(headEnd).as("a complete response head: " + text).isPositive();
		String[] lines = text.substring(0, headEnd).split("\r\n");
		int status = Integer.parseInt(lines[0].split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
					lines[i].substring(colon + 1).trim());
		}
		String body = text.substring(headEnd + 4);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = dechunk(body);
		}
		byte[] bodyBytes = body.getBytes(StandardCharsets.ISO_8859_1);
		return new RawResponse(status, headers, new String(bodyBytes, StandardCharsets.UTF_8));
	}

	private static String dechunk(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
			if (size == 0) {
				return body.toString();
			}
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

}
