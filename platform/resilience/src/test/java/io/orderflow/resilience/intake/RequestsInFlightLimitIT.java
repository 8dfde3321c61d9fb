package io.orderflow.resilience.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limit as a service gets it: every auto-configuration on the classpath, a real
 * Tomcat on virtual threads, real HTTP. With a limit of one, a second request while the
 * first is still being worked on is refused at once with a 503 problem and
 * {@code Retry-After}; once the first is done, the next one is served.
 */
class RequestsInFlightLimitIT {

	private static final CountDownLatch release = new CountDownLatch(1);

	private static final CountDownLatch inside = new CountDownLatch(1);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ConfigurableApplicationContext service;

	private URI base;

	@BeforeEach
	void start() {
		service = new SpringApplicationBuilder(Service.class).run("--server.port=0",
				"--spring.threads.virtual.enabled=true", "--spring.application.name=order-service",
				"--resilience4j.bulkhead.instances.http-requests.max-concurrent-calls=1");
		int port = ((WebServerApplicationContext) service).getWebServer().getPort();
		base = URI.create("http://127.0.0.1:" + port);
	}

	@AfterEach
	void stop() {
		release.countDown();
		service.close();
	}

	@Test
	void aRequestBeyondTheLimitIsRefusedAtOnceAndTheNextAfterItIsServed() throws Exception {
		CompletableFuture<HttpResponse<String>> first = http.sendAsync(get("/slow"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(inside.await(10, TimeUnit.SECONDS)).as("the first request reached its handler").isTrue();

		long started = System.nanoTime();
		HttpResponse<String> refused = http.send(get("/fast"), HttpResponse.BodyHandlers.ofString());
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"status\":503")
			.contains("order-service is already working on 1 requests")
			.contains("nothing was stored");
		assertThat(took).as("refused at once, not after the first request").isLessThan(Duration.ofSeconds(2));

		release.countDown();
		assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		HttpResponse<String> next = http.send(get("/fast"), HttpResponse.BodyHandlers.ofString());
		assertThat(next.statusCode()).as("the permit came back").isEqualTo(200);
		assertThat(next.body()).isEqualTo("fast");
	}

	private HttpRequest get(String path) {
		return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET().build();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Service {

		@Bean
		Handlers handlers() {
			return new Handlers();
		}

	}

	@RestController
	static class Handlers {

		@GetMapping("/slow")
		String slow() throws InterruptedException {
			inside.countDown();
			release.await(10, TimeUnit.SECONDS);
			return "slow";
		}

		@GetMapping("/fast")
		String fast() {
			return "fast";
		}

	}

}
