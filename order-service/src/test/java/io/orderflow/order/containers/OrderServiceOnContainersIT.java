package io.orderflow.order.containers;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.testsupport.identity.TestIdentities;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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

	/**
	 * orderflow's real authorization server, in this JVM (no container needed). The
	 * container's broker is open (no users, no ACLs): the service declares its topics and
	 * connects without a login, as it would to a development broker.
	 */
	@DynamicPropertySource
	static void identity(DynamicPropertyRegistry registry) {
		TestIdentities.register(registry);
		registry.add("spring.kafka.security.protocol", () -> "PLAINTEXT");
		registry.add("spring.kafka.admin.auto-create", () -> "true");
		registry.add("orderflow.kafka.password", () -> "unused-on-an-open-broker");
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
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.getBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "containers-it", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
						"earliest"),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(OrderEvent.TOPIC));
			List<String> placedOrders = new ArrayList<>();
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(500))
					.forEach(record -> Optional.ofNullable(record.headers().lastHeader("ce_type"))
						.map(type -> new String(type.value(), StandardCharsets.UTF_8))
						.filter(type -> OrderEvent.CATALOG.classOf(type).orElse(null) == OrderPlaced.class)
						.ifPresent(type -> placedOrders.add(record.key())));
				assertThat(placedOrders).contains(orderId);
			});
		}
	}

}
