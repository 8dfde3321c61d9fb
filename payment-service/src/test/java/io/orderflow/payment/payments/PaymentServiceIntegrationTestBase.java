package io.orderflow.payment.payments;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.consumer.ReplayTopics;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.orderflow.provider.simulator.PaymentProviderSimulator;
import io.orderflow.resilience.ResilientEdges;
import io.orderflow.testsupport.SharedInfrastructure;
import io.orderflow.testsupport.TopicClient;
import io.orderflow.testsupport.api.ReadByOrderIdApiContract;
import io.orderflow.testsupport.http.ServiceHttp;
import io.orderflow.testsupport.identity.TestCustomer;
import io.orderflow.testsupport.identity.TestIdentities;
import io.orderflow.testsupport.kafka.ConsumerGroupProgress;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context of payment-service's integration tests (every IT extends this
 * class and adds no configuration, so the application starts once per JVM): the real
 * application on a random port, against the shared real Kafka broker and PostgreSQL, and
 * a real payment provider simulator over HTTP, and the real authorization server of
 * {@link TestIdentities}: the tests' orders are placed by {@link #customer}, whose token
 * reads them.
 *
 * <p>
 * Test settings, and why:
 * <ul>
 * <li>a 500 ms read timeout, so the latency fault test times out quickly;</li>
 * <li>fewer, faster provider retries and more, faster consumer redeliveries than
 * production, so a provider outage a test heals after a second or two is still inside the
 * consumer's bounded attempts; a record waiting for the provider to heal is tried again
 * at least every 200 ms (production backs off to 30 s), so a test does not wait on a
 * pause grown while its fault lasted;</li>
 * <li>a consumer fetch the broker holds for at most 50 ms when there is nothing new
 * (production: Kafka's 500 ms): a record redelivered after a failure is fetched again
 * only once the fetch in flight at its seek returns, so every redelivery would otherwise
 * wait that long;</li>
 * <li>a circuit breaker that needs 100 calls before judging, closed and emptied before
 * each test: it is not under test here, and faults injected by one test must not open it
 * for the next.</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "resilience4j.timelimiter.instances.payment-provider.timeout-duration=500ms",
				"resilience4j.retry.instances.payment-provider.max-attempts=2",
				"resilience4j.retry.instances.payment-provider.wait-duration=50ms",
				"resilience4j.circuitbreaker.instances.payment-provider.minimum-number-of-calls=100",
				"resilience4j.circuitbreaker.instances.payment-provider.sliding-window-size=100",
				"orderflow.messaging.consumer.max-attempts=12", "orderflow.messaging.consumer.initial-backoff=100ms",
				"orderflow.messaging.consumer.max-backoff=500ms",
				"orderflow.messaging.consumer.dependency-max-backoff=200ms",
				"spring.kafka.consumer.fetch-max-wait=50ms" })
abstract class PaymentServiceIntegrationTestBase {

	static final String CONSUMER_GROUP = "payment-service";

	static final BigDecimal TOTAL = new BigDecimal("25.00");

	static final PaymentProviderSimulator provider = PaymentProviderSimulator
		.start(new InetSocketAddress("127.0.0.1", 0));

	static final TopicClient topics = new TopicClient(SharedInfrastructure.kafkaAdmin());

	private static final Admin admin = Admin.create(SharedInfrastructure.kafkaAdmin().clientProperties());

	static final JsonMapper json = JsonMapper.builder().build();

	/** Who places the tests' orders, and reads their payments. */
	static final TestCustomer customer = TestIdentities.newCustomer("payment-it");

	private static final HttpClient PROVIDER_CLIENT = HttpClient.newHttpClient();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			topics.close();
			admin.close(Duration.ofSeconds(5));
			provider.close();
		}, "payment-it-shutdown"));
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		SharedInfrastructure.register(registry, "payment-service", "payment_service_it");
		registry.add("orderflow.payment.provider.base-url", () -> provider.baseUri().toString());
		registry.add("orderflow.payment.provider.api-key", provider::apiKey);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ResilientEdges edges;

	/**
	 * Each test starts from a quiet service and a closed circuit with an empty window
	 * (closing it resumes a consumer paused by it): what one test did is forgotten.
	 */
	@BeforeEach
	void startQuietWithTheProvidersCircuitClosed() {
		CircuitBreaker circuit = edges.named(PaymentProvider.EDGE).circuitBreaker();
		if (circuit.getState() != CircuitBreaker.State.CLOSED) {
			circuit.transitionToClosedState();
		}
		circuit.reset();
		awaitQuiet();
	}

	/** A fault a test injected into the provider never outlives it. */
	@AfterEach
	void healProvider() {
		provider.faults().reset();
	}

	static OrderPlaced orderPlaced(UUID orderId, String paymentMethod) {
		return new OrderPlaced(UUID.randomUUID(), Instant.now(), orderId, customer.id(), customer.email(), "EUR", TOTAL,
				paymentMethod, List.of(new OrderLine("SKU-1", 1, TOTAL)));
	}

	/** A charge request for the order's reference, as the provider's API takes it. */
	static String chargeBody(UUID orderId, BigDecimal amount) {
		return "{\"amount\":" + amount + ",\"currency\":\"EUR\",\"paymentMethod\":\"pm_card_visa\","
				+ "\"reference\":\"" + orderId + "\"}";
	}

	/**
	 * The provider's API called by another of its clients (a support desk, an older
	 * version of the service), with the key: the state such a client leaves, for
	 * payment-service to meet.
	 */
	static HttpResponse<String> postToProvider(String path, String idempotencyKey, String json) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(provider.baseUri() + path))
			.header("Authorization", "Bearer " + provider.apiKey())
			.header("Idempotency-Key", idempotencyKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build();
		return PROVIDER_CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** The same order placed again, as a new event (not a redelivery). */
	static OrderPlaced placedAgain(OrderPlaced placed) {
		return new OrderPlaced(UUID.randomUUID(), Instant.now(), placed.orderId(), placed.customerId(),
				placed.customerEmail(), placed.currency(), placed.total(), placed.paymentMethod(), placed.lines());
	}

	static void publish(OrderEvent event) {
		topics.publish(OrderEvent.CATALOG, event);
	}

	/** The raw records payment-service published about an order. */
	static List<ConsumerRecord<String, byte[]>> paymentRecordsFor(UUID orderId) {
		return topics.readAll(PaymentEvent.TOPIC)
			.stream()
			.filter(record -> orderId.toString().equals(record.key()))
			.toList();
	}

	/** The payment events payment-service published about an order, deserialised. */
	static List<PaymentEvent> paymentEventsFor(UUID orderId) {
		return topics.events(PaymentEvent.CATALOG).stream().filter(event -> event.orderId().equals(orderId)).toList();
	}

	static String header(ConsumerRecord<String, byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	/**
	 * {@code GET} on the running application as {@link #customer}; public, as
	 * {@link ReadByOrderIdApiContract} declares it.
	 */
	public HttpResponse<String> get(String pathAndQuery) {
		return get(pathAndQuery, customer.token());
	}

	/** {@code GET} on the running application with this bearer token, or none. */
	public HttpResponse<String> get(String pathAndQuery, String token) {
		return ServiceHttp.get(port, pathAndQuery, token);
	}

	/**
	 * {@code GET /api/payments?orderId=} as {@link #customer}: the JSON array the API
	 * answers, after checking it answered 200.
	 */
	JsonNode paymentsOf(UUID orderId) {
		HttpResponse<String> response = get("/api/payments?orderId=" + orderId);
		if (response.statusCode() != 200) {
			throw new AssertionError("GET /api/payments answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	/**
	 * Waits until payment-service has consumed every order event published so far and
	 * every one replayed to it (its group's committed offsets reached the end of every
	 * partition of both topics) and relayed every event it wrote to its outbox. After
	 * this, counting what reached the provider and the payment topic is final: nothing is
	 * still on its way.
	 */
	void awaitQuiet() {
		await("payment-service consumed every order event and emptied its outbox").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> consumerCaughtUp(OrderEvent.TOPIC)
					&& consumerCaughtUp(ReplayTopics.of(OrderEvent.TOPIC, CONSUMER_GROUP))
					&& jdbc.sql("select count(*) from outbox_message").query(Long.class).single() == 0);
	}

	private static boolean consumerCaughtUp(String topic) throws InterruptedException, ExecutionException {
		return ConsumerGroupProgress.caughtUp(admin, CONSUMER_GROUP, topic);
	}

}
