package io.orderflow.notification.notifications;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderflow.events.order.OrderCancelled;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderRejected;
import io.orderflow.mail.simulator.RecipientPolicy;
import io.orderflow.mail.simulator.SmtpServer;
import io.orderflow.mail.simulator.SmtpServer.ReceivedMail;
import io.orderflow.testsupport.SharedInfrastructure;
import io.orderflow.testsupport.TopicClient;
import io.orderflow.testsupport.api.ReadByOrderIdApiContract;
import io.orderflow.testsupport.http.ServiceHttp;
import io.orderflow.testsupport.identity.TestCustomer;
import io.orderflow.testsupport.identity.TestIdentities;
import io.orderflow.testsupport.kafka.ConsumerGroupProgress;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one Spring context of notification-service's integration tests (every IT extends
 * this class and adds no configuration, so the application starts once per JVM): the real
 * application on a random port, against the shared real Kafka broker and PostgreSQL, and
 * a real SMTP server (GreenMail) that keeps what it receives.
 *
 * <p>
 * The consumer gets more, faster redeliveries than in production, so that an SMTP outage
 * a test heals after a second or two is still inside its bounded attempts; a deferred
 * email's retry budget is seconds, not minutes, and the mail server's circuit half-opens
 * after 2 s instead of 10.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "orderflow.messaging.consumer.max-attempts=20",
				"orderflow.messaging.consumer.initial-backoff=100ms", "orderflow.messaging.consumer.max-backoff=500ms",
				"orderflow.notification.mail.retry.budget=" + NotificationServiceIntegrationTestBase.RETRY_BUDGET,
				"orderflow.notification.mail.retry.initial-backoff=500ms",
				"orderflow.notification.mail.retry.max-backoff=1s",
				"orderflow.notification.mail.retry.poll-interval=200ms",
				"resilience4j.circuitbreaker.instances.mail-server.wait-duration-in-open-state=2s" })
abstract class NotificationServiceIntegrationTestBase {

	static final String CONSUMER_GROUP = "notification-service";

	static final String DEAD_LETTER_TOPIC = "orderflow.order.events.notification-service.dlt";

	static final String REPLAY_TOPIC = "orderflow.order.events.notification-service.replay";

	/**
	 * The retry budget of a deferred email in these tests: attempts after 0, 0.5, 1.5,
	 * 2.5, 3.5 and 4 s.
	 */
	static final String RETRY_BUDGET = "4s";

	/** Who places the tests' orders, and reads the emails about them. */
	static final TestCustomer customer = TestIdentities.newCustomer("ada");

	/** Where the emails about {@link #customer}'s orders go. */
	static final String CUSTOMER = customer.email();

	static final BigDecimal TOTAL = new BigDecimal("25.00");

	/**
	 * Replaced by {@link #restartSmtpServer()}, always on the same port, which the
	 * application is configured with.
	 */
	private static volatile SmtpServer smtp = SmtpServer.start(0);

	private static final int SMTP_PORT = smtp.port();

	static final TopicClient topics = new TopicClient(SharedInfrastructure.kafkaAdmin());

	private static final Admin admin = Admin.create(SharedInfrastructure.kafkaAdmin().clientProperties());

	static final JsonMapper json = JsonMapper.builder().build();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			topics.close();
			admin.close(Duration.ofSeconds(5));
			smtp.close();
		}, "notification-it-shutdown"));
	}

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		SharedInfrastructure.register(registry, "notification-service", "notification_service_it");
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP_PORT);
	}

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	/**
	 * Stops the SMTP server: its port refuses connections until
	 * {@link #restartSmtpServer()}.
	 */
	static void stopSmtpServer() {
		smtp.close();
	}

	/**
	 * A fresh SMTP server (no messages yet) on the port the application sends to,
	 * refusing the recipients the last one refused.
	 */
	static void restartSmtpServer() {
		smtp.close();
		smtp = SmtpServer.start(SMTP_PORT, smtp.recipientPolicy());
	}

	/**
	 * Which recipients the SMTP server refuses: greylist, reject or accept a domain while
	 * the application runs.
	 */
	static RecipientPolicy recipientPolicy() {
		return smtp.recipientPolicy();
	}

	/**
	 * Publishes the {@code OrderPlaced} of an order of {@link #customer}'s:
	 * notification-service learns whose order it is, and answers the emails about it to
	 * that customer alone.
	 */
	static UUID placed(UUID orderId) {
		publish(new OrderPlaced(UUID.randomUUID(), Instant.now(), orderId, customer.id(), CUSTOMER, "EUR", TOTAL,
				"pm_card_visa", List.of(new OrderLine("SKU-1", 1, TOTAL))));
		return orderId;
	}

	/** A new order of {@link #customer}'s, placed ({@link #placed}). */
	static UUID placedOrder() {
		return placed(UUID.randomUUID());
	}

	static OrderConfirmed confirmed(UUID orderId) {
		return confirmed(orderId, CUSTOMER);
	}

	static OrderConfirmed confirmed(UUID orderId, String customerEmail) {
		return new OrderConfirmed(UUID.randomUUID(), Instant.now(), orderId, customerEmail, "EUR", TOTAL);
	}

	static OrderRejected rejected(UUID orderId, String reason) {
		return new OrderRejected(UUID.randomUUID(), Instant.now(), orderId, CUSTOMER, "EUR", TOTAL, reason);
	}

	static OrderCancelled cancelled(UUID orderId, boolean refunded) {
		return cancelled(orderId, CUSTOMER, refunded);
	}

	static OrderCancelled cancelled(UUID orderId, String customerEmail, boolean refunded) {
		return new OrderCancelled(UUID.randomUUID(), Instant.now(), orderId, customerEmail, "EUR", TOTAL, refunded);
	}

	static OrderExpired expired(UUID orderId) {
		return new OrderExpired(UUID.randomUUID(), Instant.now(), orderId, CUSTOMER, "EUR", TOTAL);
	}

	static void publish(OrderEvent event) {
		topics.publish(OrderEvent.CATALOG, event);
	}

	/**
	 * The emails the SMTP server received about an order (every subject names its order).
	 */
	static List<ReceivedMail> mailsAbout(UUID orderId) {
		return smtp.messages().stream().filter(mail -> mail.subject().contains(orderId.toString())).toList();
	}

	static String header(ConsumerRecord<String, byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	/**
	 * The calls of the mail server's circuit breaker so far that ended as {@code kind}
	 * (successful, failed, ...).
	 */
	long mailServerCalls(String kind) {
		Timer calls = meters.find("resilience4j.circuitbreaker.calls")
			.tag("name", Mailer.EDGE)
			.tag("kind", kind)
			.timer();
		return calls == null ? 0 : calls.count();
	}

	/**
	 * How often the Kafka listener failed so far with the given exception (each failed
	 * delivery attempt counts), from spring-kafka's listener timer.
	 */
	long listenerFailures(Class<? extends Exception> exception) {
		return meters.find("spring.kafka.listener")
			.tag("result", "failure")
			.tag("exception", exception.getSimpleName())
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
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
	 * {@code GET /api/notifications?orderId=} as {@link #customer}: the JSON array the
	 * API answers, after checking it answered 200.
	 */
	JsonNode notificationsOf(UUID orderId) {
		HttpResponse<String> response = get("/api/notifications?orderId=" + orderId);
		if (response.statusCode() != 200) {
			throw new AssertionError(
					"GET /api/notifications answered " + response.statusCode() + ": " + response.body());
		}
		return json.readTree(response.body());
	}

	/**
	 * Waits until notification-service has consumed every order event published or
	 * replayed to it so far: its group's committed offsets reached the end of every
	 * partition of both topics. Emails are sent before the offset is committed, so after
	 * this, counting the emails is final.
	 */
	static void awaitAllOrderEventsConsumed() {
		await("notification-service consumed every order event").atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> consumerCaughtUp(OrderEvent.TOPIC) && consumerCaughtUp(REPLAY_TOPIC));
	}

	/** The partitions of a topic, as the broker has them. */
	static int partitionCount(String topic) throws InterruptedException, ExecutionException {
		return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
	}

	private static boolean consumerCaughtUp(String topic) throws InterruptedException, ExecutionException {
		return ConsumerGroupProgress.caughtUp(admin, CONSUMER_GROUP, topic);
	}

}
