package io.orderflow.order.containers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.testsupport.TopicClient;
import io.orderflow.testsupport.identity.TestIdentities;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The same order intake on the container images docker compose uses (official
 * {@code apache/kafka}, PostgreSQL), for people who have Docker. Without a Docker engine
 * (as on this project's CI) the class is skipped, not failed; the build's own integration
 * tests run the same checks on a real broker and database without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrderServiceOnContainersIT {

	@Container
	@ServiceConnection
	static final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17-alpine");

	@Container
	@ServiceConnection
	static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.1");

	@LocalServerPort
	int port;

	/** orderflow's real authorization server, in this JVM (no container needed). */
	@DynamicPropertySource
	static void identity(DynamicPropertyRegistry registry) {
		TestIdentities.register(registry);
	}

	@Test
	void aPlacedOrderIsAcceptedAndAnnouncedOnTheBrokerInAContainer() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/orders"))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + TestIdentities.newCustomer("container").token())
			.POST(HttpRequest.BodyPublishers.ofString(
					"""
							{"currency":"EUR","paymentMethod":"pm_card_visa","lines":[{"sku":"BOOK-1","quantity":2,"unitPrice":12.50}]}"""))
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(202);
		String location = response.headers().firstValue("Location").orElseThrow();
		String orderId = location.substring(location.lastIndexOf('/') + 1);
		try (TopicClient topics = new TopicClient(kafka.getBootstrapServers())) {
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(topics.events(OrderEvent.CATALOG))
					.anySatisfy(event -> assertThat(event).isInstanceOf(OrderPlaced.class)
						.extracting(e -> e.orderId().toString())
						.isEqualTo(orderId)));
		}
	}

}
