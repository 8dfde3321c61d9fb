package io.orderflow.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import io.orderflow.console.Console;
import io.orderflow.console.ConsoleSettings;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.order.OrderRejected;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.probes.kafka.KafkaConnection;
import io.orderflow.provider.simulator.PaymentProviderSimulator;
import io.orderflow.testsupport.SharedInfrastructure;
import io.orderflow.testsupport.TopicClient;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console's Kafka side on a real broker, platform/test-support's shared one, with no
 * services running: it reads what producers publish into orders with their timelines,
 * shows records that are no events without stopping, publishes poison where it says, and
 * reads only a bounded recent window when it starts. (In the console module these tests
 * could not reach the shared broker: local-stack embeds the console, and
 * platform/test-support depends on local-stack.)
 */
class ConsoleOnSharedBrokerIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	/**
	 * The administrator: each console here reads in a group of its own, which the
	 * console's user may not join (the local stack's system tests run the console as that
	 * user), and it puts poison on the topics too.
	 */
	private static KafkaConnection kafka;

	private static TopicClient topics;

	private static PaymentProviderSimulator provider;

	private Console console;

	@BeforeAll
	static void topics() throws Exception {
		// the shared broker's admin step made the topics
		kafka = SharedInfrastructure.kafkaAdmin();
		topics = new TopicClient(kafka);
		provider = PaymentProviderSimulator.start(new InetSocketAddress("127.0.0.1", 0));
	}

	@AfterAll
	static void close() {
		topics.close();
		provider.close();
	}

	@AfterEach
	void stopConsole() {
		if (console != null) {
			console.close();
		}
	}

	@Test
	void eventsBecomeOrdersWithTheirTimelineAcrossProducersAndARecordThatIsNoEventIsShownWithoutStoppingTheReader() {
		console = start(200);
		UUID confirmed = UUID.randomUUID();
		UUID rejected = UUID.randomUUID();
		Instant at = Instant.now();

		topics.publish(OrderEvent.CATALOG, placed(confirmed, at));
		topics.publish(PaymentEvent.CATALOG, new PaymentAuthorized(UUID.randomUUID(), at.plusMillis(40), confirmed,
				"ch_1", new BigDecimal("25.00"), "EUR"));
		topics.publish(OrderEvent.CATALOG, new OrderConfirmed(UUID.randomUUID(), at.plusMillis(70), confirmed,
				"a@example.com", "EUR", new BigDecimal("25.00")));
		topics.send(new ProducerRecord<>(OrderEvent.TOPIC, rejected.toString(), new byte[] { (byte) 0xff, 0, 1 }));
		topics.publish(OrderEvent.CATALOG, placed(rejected, at));
		topics.publish(PaymentEvent.CATALOG,
				new PaymentDeclined(UUID.randomUUID(), at.plusMillis(30), rejected, "card_declined"));
		topics.publish(OrderEvent.CATALOG, new OrderRejected(UUID.randomUUID(), at.plusMillis(50), rejected,
				"a@example.com", "EUR", new BigDecimal("25.00"), "card_declined"));

		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			JsonNode order = get("api/orders/" + confirmed);
			assertThat(order.path("state").asString()).isEqualTo("CONFIRMED");
			assertThat(order.path("latencyMillis").asLong()).isEqualTo(70);
			assertThat(StreamSupport.stream(order.path("timeline").spliterator(), false)
				.map(step -> step.path("service").asString() + " " + step.path("what").asString()))
				.containsExactly("order-service OrderPlaced", "payment-service PaymentAuthorized",
						"order-service OrderConfirmed");
			assertThat(get("api/orders/" + rejected).path("state").asString()).isEqualTo("REJECTED");
		});
		JsonNode garbage = records(get("api/snapshot")).stream()
			.filter(record -> rejected.toString().equals(record.path("key").asString(null))
					&& record.path("name").isNull())
			.findFirst()
			.orElseThrow();
		assertThat(garbage.path("note").asString()).isEqualTo("no ce_type header: not a CloudEvent");
		assertThat(garbage.path("payload").asString()).isEqualTo("(3 bytes, not text)");
	}

	@Test
	void aPoisonRecordIsPublishedWhereTheVisitorSaidAndShownAsAnUnknownType() throws Exception {
		console = start(200);

		HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(console.baseUri().resolve("api/commands"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"command\":\"publish-poison\",\"topic\":\"" + PaymentEvent.TOPIC + "\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
		JsonNode details = JSON.readTree(answer.body()).path("details");
		String key = details.path("key").asString();
		assertThat(topics.readAll(PaymentEvent.TOPIC)).anySatisfy(record -> {
			assertThat(record.key()).isEqualTo(key);
			assertThat(record.partition()).isEqualTo(details.path("partition").asInt());
			assertThat(record.offset()).isEqualTo(details.path("offset").asLong());
			assertThat(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
				.isEqualTo("orderflow.console.poison.v1");
		});
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(records(get("api/snapshot"))).anySatisfy(record -> {
				assertThat(record.path("key").asString(null)).isEqualTo(key);
				assertThat(record.path("note").asString(null)).isEqualTo("unknown event type");
			}));
		assertThat(get("api/orders/" + key)).isNull();
	}

	@Test
	void aConsoleStartedLaterReadsOnlyTheRecentWindowOfEachPartition() {
		UUID order = UUID.randomUUID();
		for (int i = 0; i < 10; i++) {
			topics.publish(OrderEvent.CATALOG, placed(order, Instant.now()));
		}

		console = start(3);

		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(records(get("api/snapshot")))
				.filteredOn(record -> order.toString().equals(record.path("key").asString(null)))
				.hasSize(3));
		assertThat(get("api/orders/" + order).path("timeline").size()).isEqualTo(3);
	}

	private Console start(int window) {
		URI nowhere = URI.create("http://127.0.0.1:" + closedPort());
		ConsoleSettings demo = ConsoleSettings.of(new InetSocketAddress(0), kafka, nowhere, nowhere, nowhere, nowhere);
		ConsoleSettings settings = new ConsoleSettings(new InetSocketAddress("127.0.0.1", 0), kafka, demo.services(),
				provider.baseUri(), demo.identity(), "console-it-" + UUID.randomUUID(), window, null, kafka);
		return Console.start(settings);
	}

	private static OrderPlaced placed(UUID order, Instant at) {
		return new OrderPlaced(UUID.randomUUID(), at, order, "c-1", "a@example.com", "EUR", new BigDecimal("25.00"),
				"pm_card_visa", List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50"))));
	}

	/** The JSON at a path of the console, {@code null} on 404. */
	private JsonNode get(String path) {
		HttpResponse<String> response;
		try {
			response = HTTP.send(HttpRequest.newBuilder(console.baseUri().resolve(path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (response.statusCode() == 404) {
			return null;
		}
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	private static List<JsonNode> records(JsonNode snapshot) {
		return StreamSupport.stream(snapshot.path("events").spliterator(), false).toList();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
