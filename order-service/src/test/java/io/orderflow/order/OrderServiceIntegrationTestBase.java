package io.orderflow.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.events.payment.PaymentRefunded;
import io.orderflow.testsupport.SharedInfrastructure;
import io.orderflow.testsupport.identity.TestCustomer;
import io.orderflow.testsupport.identity.TestIdentities;
import io.orderflow.testsupport.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context of every order-service integration test ({@code *IT}): the real
 * application on a random port, against the JVM's shared real Kafka broker and real
 * PostgreSQL. Every IT class extends this class and declares no configuration of its own,
 * so Spring's context cache starts the application once.
 *
 * <p>
 * The saga deadline is 3 s: an order left PENDING (or CANCELLATION_REQUESTED) expires
 * shortly after, and tests are written with that in mind. Tests isolate themselves by
 * unique customer and order ids, never by cleaning up.
 *
 * <p>
 * payment-service is {@link #paymentService}, a stand-in that answers what a test
 * scripted for an order and nothing at all for any other order (as if payment-service
 * were down). Its circuit breaker needs 1000 calls before it judges: it is not under test
 * through failures, and the failures one test provokes must not open it for the next; a
 * test of the open circuit opens it by hand.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "orderflow.saga.deadline=" + OrderServiceIntegrationTestBase.DEADLINE_SECONDS + "s",
				"orderflow.saga.expiry-check-interval=200ms",
				"resilience4j.circuitbreaker.instances.payment-service.minimum-number-of-calls=1000",
				"resilience4j.circuitbreaker.instances.payment-service.sliding-window-size=1000" })
public abstract class OrderServiceIntegrationTestBase {

	protected static final int DEADLINE_SECONDS = 3;

	protected static final String ORDERS = "/api/orders";

	protected static final String PAYMENT_DLT = PaymentEvent.TOPIC + ".order-service.dlt";

	/**
	 * The body of the product brief's order: the customer and the email are the bearer
	 * token's.
	 */
	protected static final String BRIEF_BODY = """
			{"currency":"EUR","paymentMethod":"pm_card_visa","lines":[{"sku":"BOOK-1","quantity":2,"unitPrice":12.50}]}""";

	protected static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	protected static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	protected static TopicClient topics;

	/** Who placed each order the tests of this JVM placed over HTTP. */
	private static final Map<UUID, TestCustomer> OWNERS = new ConcurrentHashMap<>();

	/** Started once per test JVM, like the application context that calls it. */
	protected static final PaymentServiceStandIn paymentService = PaymentServiceStandIn.start();

	@Value("${local.server.port}")
	protected int port;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		SharedInfrastructure.register(registry, "order-service", "order_service_it");
		registry.add("orderflow.order.payment-service.base-url", () -> paymentService.baseUrl().toString());
	}

	@BeforeAll
	static void openTopicClient() {
		topics = new TopicClient(SharedInfrastructure.kafkaAdmin());
	}

	@AfterAll
	static void closeTopicClient() {
		topics.close();
	}

	/**
	 * With a 3 s deadline, a payment event must not wait for the consumer group to form:
	 * tests start once the payment listener owns its partitions.
	 */
	@BeforeEach
	void paymentListenerIsAssigned() {
		eventually().untilAsserted(() -> listeners.getListenerContainers()
			.forEach(container -> assertThat(container.getAssignedPartitions()).isNotEmpty()));
	}

	// ---- HTTP

	protected URI uri(String pathAndQuery) {
		return URI.create("http://127.0.0.1:" + port + pathAndQuery);
	}

	protected HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException("HTTP request failed", ex);
		}
	}

	/** A request without a token: anonymous. */
	protected HttpResponse<String> get(String pathAndQuery) {
		return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
	}

	/** A request as the customer, with the customer's bearer token. */
	protected HttpResponse<String> get(TestCustomer caller, String pathAndQuery) {
		return send(
				HttpRequest.newBuilder(uri(pathAndQuery)).header("Authorization", "Bearer " + caller.token()).GET());
	}

	protected HttpResponse<String> postJson(TestCustomer caller, String path, String body, String... headers) {
		return post(caller, path, "application/json", BodyPublishers.ofString(body, StandardCharsets.UTF_8), headers);
	}

	/**
	 * A POST as the customer, or anonymous with a {@code null} caller.
	 */
	protected HttpResponse<String> post(TestCustomer caller, String path, String contentType, BodyPublisher body,
			String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).POST(body);
		if (caller != null) {
			request.header("Authorization", "Bearer " + caller.token());
		}
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request);
	}

	/** Asks to cancel the order as the customer who placed it. */
	protected HttpResponse<String> cancel(UUID orderId) {
		return post(ownerOf(orderId), ORDERS + "/" + orderId + "/cancel", null, BodyPublishers.noBody());
	}

	protected static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	/** A customer of one test alone, with a token of the real authorization server. */
	protected static TestCustomer newCustomer(String label) {
		return TestIdentities.newCustomer(label);
	}

	/** Places the brief's order as the customer and answers its id. */
	protected UUID placeOrder(TestCustomer customer) {
		return accepted(customer, postJson(customer, ORDERS, BRIEF_BODY));
	}

	/**
	 * The id of the order an answer of {@code POST /api/orders} accepted, remembered as
	 * the customer's, so that the test can read it as its owner.
	 */
	protected UUID accepted(TestCustomer customer, HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		UUID orderId = UUID.fromString(json(response).get("id").asString());
		OWNERS.put(orderId, customer);
		return orderId;
	}

	/** The customer whose order this is, as placed by this test JVM. */
	protected static TestCustomer ownerOf(UUID orderId) {
		TestCustomer owner = OWNERS.get(orderId);
		assertThat(owner).as("order %s was placed through placeOrder/accepted", orderId).isNotNull();
		return owner;
	}

	/** The order, read as its owner. */
	protected JsonNode order(UUID orderId) {
		HttpResponse<String> response = get(ownerOf(orderId), ORDERS + "/" + orderId);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	protected String status(UUID orderId) {
		return order(orderId).get("status").asString();
	}

	protected void awaitStatus(UUID orderId, String status) {
		eventually().untilAsserted(() -> assertThat(status(orderId)).isEqualTo(status));
	}

	/** The customer's orders as {@code GET /api/orders} counts them. */
	protected long countOrdersOf(TestCustomer customer) {
		HttpResponse<String> response = get(customer, ORDERS);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response).get("totalElements").asLong();
	}

	protected static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = json(response);
		assertThat(problem.get("status").asInt()).isEqualTo(status);
		assertThat(problem.get("title").asString()).isNotBlank();
		assertThat(problem.get("detail").asString()).isNotBlank();
	}

	// ---- Kafka, playing payment-service

	protected static PaymentAuthorized authorized(UUID orderId) {
		return new PaymentAuthorized(UUID.randomUUID(), Instant.now(), orderId, "ch_" + UUID.randomUUID(),
				new BigDecimal("25.00"), "EUR");
	}

	protected static PaymentDeclined declined(UUID orderId, String reason) {
		return new PaymentDeclined(UUID.randomUUID(), Instant.now(), orderId, reason);
	}

	protected static PaymentRefunded refunded(UUID orderId) {
		return new PaymentRefunded(UUID.randomUUID(), Instant.now(), orderId, "re_" + UUID.randomUUID(),
				new BigDecimal("25.00"), "EUR");
	}

	protected static void publish(PaymentEvent event) {
		topics.publish(PaymentEvent.CATALOG, event);
	}

	/**
	 * Whether order-service committed the effect of this event (its inbox remembers it).
	 */
	protected boolean processed(UUID eventId) {
		return jdbc.sql("select count(*) from inbox_message where event_id = ?")
			.param(eventId)
			.query(Long.class)
			.single() == 1;
	}

	protected void awaitProcessed(UUID eventId) {
		eventually().until(() -> processed(eventId));
	}

	/**
	 * Waits until every event about the order left the outbox, so the topic holds all of
	 * them.
	 */
	protected void awaitOutboxDrained(UUID orderId) {
		eventually().until(() -> jdbc.sql("select count(*) from outbox_message where message_key = ?")
			.param(orderId.toString())
			.query(Long.class)
			.single() == 0);
	}

	/**
	 * The records about the order on {@code orderflow.order.events}, in offset order
	 * (they share a partition).
	 */
	protected static List<ConsumerRecord<String, byte[]>> orderRecords(UUID orderId) {
		return topics.readAll(OrderEvent.TOPIC)
			.stream()
			.filter(record -> orderId.toString().equals(record.key()))
			.sorted((a, b) -> Long.compare(a.offset(), b.offset()))
			.toList();
	}

	/** The events about the order on {@code orderflow.order.events}. */
	protected static List<OrderEvent> orderEvents(UUID orderId) {
		return topics.events(OrderEvent.CATALOG).stream().filter(event -> event.orderId().equals(orderId)).toList();
	}

	protected static <E extends OrderEvent> List<E> orderEvents(UUID orderId, Class<E> type) {
		return orderEvents(orderId).stream().filter(type::isInstance).map(type::cast).toList();
	}

	protected static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		assertThat(header).as("header " + name).isNotNull();
		return new String(header.value(), StandardCharsets.UTF_8);
	}

	protected static ConditionFactory eventually() {
		return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100));
	}

}
