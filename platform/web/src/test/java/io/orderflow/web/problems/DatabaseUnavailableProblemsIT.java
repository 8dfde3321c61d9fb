package io.orderflow.web.problems;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.orderflow.web.WebSupportTestApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a real Tomcat with platform/web auto-configured as in a service: a request that
 * fails because the database is unreachable is a {@code 503} problem with
 * {@code Retry-After}; any other failure stays what it was.
 */
@SpringBootTest(classes = WebSupportTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "spring.mvc.problemdetails.enabled=true")
class DatabaseUnavailableProblemsIT {

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	private int port;

	@ParameterizedTest
	@ValueSource(strings = { "no-connection", "connection-lost", "rollback-failed" })
	void aDatabaseOutageIsA503ProblemToRetry(String how) throws Exception {
		HttpResponse<String> response = get("/database-down/" + how);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(response.body()).contains("\"status\":503", "database is unavailable")
			.doesNotContain("Exception", "JDBC", "Connection");
	}

	@Test
	void aBugIsNotDisguisedAsAnOutage() throws Exception {
		assertThat(get("/database-down/bug").statusCode()).isEqualTo(500);
	}

	private HttpResponse<String> get(String path) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
