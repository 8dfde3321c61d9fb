package io.orderflow.messaging.metrics;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.orderflow.embedded.kafka.KafkaBroker;
import io.orderflow.messaging.Infrastructure;
import io.orderflow.messaging.MessagingTestApplication;
import io.orderflow.messaging.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No gauge blocks a scrape: an application on platform/messaging, on a broker of its own
 * that the test stops, answers {@code /actuator/prometheus} in well under a second, again
 * and again, for longer than the gauges' refresh interval and while the dead-letter
 * gauge's reading waits on the broker that is gone; it still shows the last values.
 */
@SpringBootTest(classes = MessagingTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@DirtiesContext
class ScrapeWithBrokerDownIT {

	/** Far below a second, far above what a scrape of an in-memory registry takes. */
	private static final Duration FAST = Duration.ofMillis(500);

	private static final KafkaBroker broker = KafkaBroker.start(0);

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		Infrastructure.register(registry, broker.bootstrapServers(), "messaging_scrape_it");
	}

	/**
	 * The application stops after this class, faster with a broker to say goodbye to; the
	 * broker goes at exit.
	 */
	@AfterAll
	static void restartTheBrokerForTheApplicationToStop() {
		broker.start();
		Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "scrape-it-broker-shutdown"));
	}

	@Test
	void withTheBrokerDownAScrapeAnswersInWellUnderASecondWithTheLastValues() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(scrape().body()).containsPattern("orderflow_dead_letters\\{[^}]*} 0\\.0")
				.containsPattern("orderflow_outbox_backlog(\\{[^}]*})? 0\\.0"));

		broker.stop();

		AtomicLong slowest = new AtomicLong();
		await().during(Duration.ofSeconds(12))
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(250))
			.until(() -> {
				long start = System.nanoTime();
				HttpResponse<String> scraped = scrape();
				long millis = (System.nanoTime() - start) / 1_000_000;
				slowest.accumulateAndGet(millis, Math::max);
				return scraped.statusCode() == 200 && millis < FAST.toMillis()
						&& scraped.body().matches("(?s).*orderflow_dead_letters\\{[^}]*} 0\\.0.*");
			});
		assertThat(slowest.get()).as("the slowest scrape, in ms").isLessThan(FAST.toMillis());
	}

	private HttpResponse<String> scrape() {
		return TestHttp.exchange(
				HttpRequest.newBuilder(TestHttp.uri(port, "/actuator/prometheus")).header("Accept", "text/plain"));
	}

}
