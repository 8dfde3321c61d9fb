package io.orderflow.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.orderflow.authorization.Customer;
import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import io.orderflow.probes.identity.ClientCredentials;
import io.orderflow.localstack.tracing.CollectedSpan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One trace follows an order through the whole system: the client's request, the outbox,
 * Kafka, payment-service and its provider call, Kafka again, order-service,
 * notification-service and the email. The services export their spans in Zipkin's format
 * to the local stack's span collector, a real HTTP server, exactly as they would to
 * Zipkin; their JSON log lines about the order carry the same trace id.
 *
 * <p>
 * Runs after {@link SagaSystemIT} and before {@link FaultSuiteIT} on the same system.
 */
@Order(Order.DEFAULT + 1)
class TracingSystemIT {

	private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(30);

	private static final String ORDER_ID_TAG = "orderflow.order.id";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static LocalStack stack;

	@BeforeAll
	static void startSystem() {
		stack = SystemUnderTest.stack();
	}

	@Test
	void oneTraceFollowsAnOrderFromTheRequestThroughTheOutboxAndKafkaToTheEmailAndItsLogLinesCarryIt()
			throws Exception {
		String traceId = randomHex(16);
		String clientSpanId = randomHex(8);

		ClientCredentials customer = Api.customer(stack, new Customer("c-traced", "c-traced@example.com", Api.SECRET));
		HttpResponse<String> placed = HTTP.send(HttpRequest.newBuilder(uri(OrderflowService.ORDER, "/api/orders"))
			.header("Authorization", customer.bearer())
			.header("Content-Type", "application/json")
			.header("traceparent", "00-" + traceId + "-" + clientSpanId + "-01")
			.POST(HttpRequest.BodyPublishers.ofString(Api.orderBody("pm_card_visa")))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
		String orderId = JSON.readTree(placed.body()).get("id").asString();
		await().atMost(SAGA_TIMEOUT)
			.until(() -> stack.smtp().messages().stream().anyMatch(mail -> mail.subject().contains(orderId)));

		await().atMost(SAGA_TIMEOUT).untilAsserted(() -> {
			List<CollectedSpan> trace = stack.spanCollector().trace(traceId);
			assertThat(trace).extracting(CollectedSpan::serviceName)
				.contains("order-service", "payment-service", "notification-service");
			// the request continues the client's span, and says which order it placed
			CollectedSpan request = only(trace,
					span -> is(span, "order-service", "SERVER") && clientSpanId.equals(span.parentId()));
			assertThat(request.tags()).containsEntry(ORDER_ID_TAG, orderId).containsEntry("http.url", "/api/orders");
			// the relay sent OrderPlaced from its own thread, long after the request, in
			// the request's trace: under the span the request was handled in (Spring
			// Security's "secured request", a child of the request)
			CollectedSpan orderPlaced = only(trace,
					span -> is(span, "order-service", "PRODUCER") && descendsFrom(trace, span, request.id()));
			assertThat(orderPlaced.tags()).containsEntry(ORDER_ID_TAG, orderId);
			// payment-service consumed it (a Kafka consumer span) and charged the
			// provider
			CollectedSpan charged = only(trace,
					span -> is(span, "payment-service", "CONSUMER") && orderPlaced.id().equals(span.parentId()));
			assertThat(charged.tags()).containsEntry(ORDER_ID_TAG, orderId);
			assertThat(trace).anySatisfy(span -> {
				assertThat(span.serviceName()).isEqualTo("payment-service");
				assertThat(span.name()).isEqualTo("payment-provider charge");
				assertThat(span.tags()).containsEntry(ORDER_ID_TAG, orderId);
			});
			// order-service consumed the payment result; notification-service consumed
			// OrderConfirmed and sent the email
			assertThat(trace).anySatisfy(span -> {
				assertThat(is(span, "order-service", "CONSUMER")).isTrue();
				assertThat(span.tags()).containsEntry(ORDER_ID_TAG, orderId);
			});
			assertThat(trace).anySatisfy(span -> {
				assertThat(span.serviceName()).isEqualTo("notification-service");
				assertThat(span.name()).isEqualTo("orderflow.mail.send");
				assertThat(span.tags()).containsEntry(ORDER_ID_TAG, orderId).containsEntry("outcome", "confirmed");
			});
		});
		printTrace(traceId);

		List<JsonNode> aboutTheOrder = jsonLogLines(stack.service(OrderflowService.NOTIFICATION).logFile()).stream()
			.filter(line -> orderId.equals(line.path("orderId").asString(null)))
			.toList();
		assertThat(aboutTheOrder).isNotEmpty().allSatisfy(line -> {
			assertThat(line.path("traceId").asString(null)).isEqualTo(traceId);
			assertThat(line.path("spanId").asString(null)).matches("[0-9a-f]{16}");
			assertThat(line.path("service").path("name").asString(null)).isEqualTo("notification-service");
		});
		assertThat(aboutTheOrder)
			.anySatisfy(line -> assertThat(line.path("message").asString()).startsWith("Sent email"));
	}

	private static boolean is(CollectedSpan span, String service, String kind) {
		return service.equals(span.serviceName()) && kind.equals(span.kind());
	}

	/**
	 * Whether the span's parents, up the trace, reach the ancestor without crossing a
	 * Kafka hop (a consumer span): a later event of the saga also descends from the
	 * request, through the services it passed.
	 */
	private static boolean descendsFrom(List<CollectedSpan> trace, CollectedSpan span, String ancestorId) {
		Map<String, CollectedSpan> byId = trace.stream()
			.collect(Collectors.toMap(CollectedSpan::id, Function.identity(), (a, b) -> a));
		CollectedSpan current = span;
		while (current != null && current.parentId() != null) {
			if (ancestorId.equals(current.parentId())) {
				return true;
			}
			current = byId.get(current.parentId());
			if (current != null && "CONSUMER".equals(current.kind())) {
				return false;
			}
		}
		return false;
	}

	private static CollectedSpan only(List<CollectedSpan> trace, Predicate<CollectedSpan> condition) {
		List<CollectedSpan> matching = trace.stream().filter(condition).toList();
		assertThat(matching).as("matching spans in %s", trace).hasSize(1);
		return matching.getFirst();
	}

	/**
	 * The service's console output, which the local stack writes to its log file: JSON
	 * lines, and the JVM's own.
	 */
	private static List<JsonNode> jsonLogLines(Path logFile) throws IOException {
		return Files.readAllLines(logFile).stream().filter(line -> line.startsWith("{")).map(line -> {
			try {
				return JSON.readTree(line);
			}
			catch (JacksonException ex) {
				throw new AssertionError("Not a JSON log line: " + line, ex);
			}
		}).toList();
	}

	private static void printTrace(String traceId) {
		System.out.println("=== Trace " + traceId);
		stack.spanCollector()
			.trace(traceId)
			.forEach(span -> System.out.printf("%-21s %-9s %-40s id=%s parent=%s %s%n", span.serviceName(), span.kind(),
					span.name(), span.id(), span.parentId(), span.tags().getOrDefault(ORDER_ID_TAG, "")));
	}

	private static URI uri(OrderflowService service, String path) {
		return stack.service(service).baseUri().resolve(path);
	}

	private static String randomHex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
