package io.orderflow.systemtest;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.orderflow.authorization.Customer;
import io.orderflow.authorization.IdentitySettings;
import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import io.orderflow.probes.identity.ClientCredentials;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The public HTTP APIs of the services and of the provider's ledger, as a client outside
 * the system sees them: {@linkplain #as as a customer} (its orders, with its token), or
 * anonymous.
 */
final class Api {

	/** The password of every customer the tests register: local test secrets. */
	static final String SECRET = "demo";

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final LocalStack stack;

	/** Whose token goes with each request; {@code null}: none. */
	private final ClientCredentials caller;

	/**
	 * The customers of this API and its views, by id: one registration and token each.
	 */
	private final Map<String, Api> customers;

	/** Anonymous: no token. */
	Api(LocalStack stack) {
		this(stack, null, new ConcurrentHashMap<>());
	}

	private Api(LocalStack stack, ClientCredentials caller, Map<String, Api> customers) {
		this.stack = stack;
		this.caller = caller;
		this.customers = customers;
	}

	/** As customer {@code customerId} with the email {@code <customerId>@example.com}. */
	Api as(String customerId) {
		return as(customerId, customerId + "@example.com");
	}

	/**
	 * As a customer, registered with the stack's authorization server on first use: the
	 * orders it places are its own, with its email, and only it reads them.
	 */
	Api as(String customerId, String email) {
		return customers.computeIfAbsent(customerId,
				id -> new Api(stack, customer(stack, new Customer(id, email, SECRET)), customers));
	}

	/** Every customer this API has acted as so far. */
	Collection<Api> customers() {
		return List.copyOf(customers.values());
	}

	/**
	 * Registers the customer and returns its client's credentials with a token already
	 * fetched: what follows does not need the identity provider for an hour.
	 */
	static ClientCredentials customer(LocalStack stack, Customer customer) {
		stack.identity().register(customer);
		ClientCredentials credentials = new ClientCredentials(stack.identity().tokenUri(), customer.clientId(),
				customer.password());
		credentials.token();
		return credentials;
	}

	/** The operator's client: dead letters and actuator endpoints. */
	static ClientCredentials operator(LocalStack stack) {
		return new ClientCredentials(stack.identity().tokenUri(), IdentitySettings.OPERATOR_CLIENT_ID, SECRET);
	}

	/** An order as a customer places it: who and where to email come from the token. */
	static String orderBody(String paymentMethod) {
		return """
				{"currency":"EUR","paymentMethod":"%s",
				 "lines":[{"sku":"BOOK-1","quantity":2,"unitPrice":12.50}]}""".formatted(paymentMethod);
	}

	Response placeOrder(String body, String idempotencyKey) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(OrderflowService.ORDER, "/api/orders"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (idempotencyKey != null) {
			request.header("Idempotency-Key", idempotencyKey);
		}
		return send(request.build());
	}

	Order order(String id) {
		return read(send(HttpRequest.newBuilder(uri(OrderflowService.ORDER, "/api/orders/" + id)).build()),
				Order.class);
	}

	Response cancel(String id) {
		return send(HttpRequest.newBuilder(uri(OrderflowService.ORDER, "/api/orders/" + id + "/cancel"))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

	/** The caller's orders. */
	OrderPage orders(int page) {
		return read(
				send(HttpRequest.newBuilder(uri(OrderflowService.ORDER, "/api/orders?size=100&page=" + page)).build()),
				OrderPage.class);
	}

	List<Payment> payments(String orderId) {
		return List.of(read(
				send(HttpRequest.newBuilder(uri(OrderflowService.PAYMENT, "/api/payments?orderId=" + orderId)).build()),
				Payment[].class));
	}

	List<Notification> notifications(String orderId) {
		return List.of(read(
				send(HttpRequest.newBuilder(uri(OrderflowService.NOTIFICATION, "/api/notifications?orderId=" + orderId))
					.build()),
				Notification[].class));
	}

	/**
	 * The read-side query: the payment of an order as order-service answers it (live or
	 * last known).
	 */
	PaymentStatus paymentStatus(String orderId) {
		return read(send(
				HttpRequest.newBuilder(uri(OrderflowService.ORDER, "/api/orders/" + orderId + "/payment")).build()),
				PaymentStatus.class);
	}

	/**
	 * The body of a service's {@code /actuator/health}, on its management port, open to
	 * all.
	 */
	String health(OrderflowService service) {
		Response response = sendAsIs(
				HttpRequest.newBuilder(stack.service(service).managementUri().resolve("/actuator/health")).build());
		if (response.status() != 200) {
			throw new AssertionError(service + " health answered " + response.status() + ": " + response.body());
		}
		return response.body();
	}

	Ledger ledger(String reference) {
		return read(
				sendAsIs(HttpRequest.newBuilder(stack.provider().baseUri().resolve("/v1/ledger?reference=" + reference))
					.build()),
				Ledger.class);
	}

	/** Any GET on a service, answered as it is: for tests that expect an error. */
	Response get(OrderflowService service, String path) {
		return send(HttpRequest.newBuilder(uri(service, path)).build());
	}

	static <T> T read(Response response, Class<T> type) {
		if (response.status() / 100 != 2) {
			throw new AssertionError("Expected 2xx, got " + response.status() + ": " + response.body());
		}
		return JSON.readValue(response.body(), type);
	}

	private Response send(HttpRequest request) {
		if (caller == null) {
			return sendAsIs(request);
		}
		return sendAsIs(HttpRequest.newBuilder(request, (name, value) -> true)
			.header("Authorization", caller.bearer())
			.build());
	}

	private URI uri(OrderflowService service, String path) {
		return stack.service(service).baseUri().resolve(path);
	}

	private static Response sendAsIs(HttpRequest request) {
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.body(),
					response.headers().firstValue("Location").orElse(null),
					response.headers().firstValue("Content-Type").orElse(null),
					response.headers().firstValue("Retry-After").orElse(null));
		}
		catch (IOException ex) {
			throw new IllegalStateException("HTTP call failed: " + request.uri(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Response(int status, String body, String location, String contentType, String retryAfter) {

		Order order() {
			return read(this, Order.class);
		}

	}

	record Order(String id, String status, BigDecimal total, String customerId, List<Change> history) {
	}

	record Change(String status, String at, String reason) {
	}

	record OrderPage(List<Order> content, long totalElements, long totalPages) {
	}

	record Payment(String orderId, String status, BigDecimal amount, String chargeId, String refundId) {
	}

	record PaymentStatus(String orderId, String status, String source, String chargeId) {
	}

	record Notification(String orderId, String outcome, String recipient, String messageId) {
	}

	record Ledger(List<Charge> charges, List<Refund> refunds) {
	}

	record Charge(String id, String status, BigDecimal amount, String reference) {
	}

	record Refund(String id, String charge, BigDecimal amount, String reference) {
	}

}
