package io.orderflow.order.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.orderflow.order.OrderServiceIntegrationTestBase;
import io.orderflow.testsupport.identity.TestCustomer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Integration: every kind of bad input to the order API is a 4xx
 * {@code application/problem+json} whose detail names the problem, never a 5xx, and
 * nothing is stored for it (I8, docs/architecture.md).
 */
class BadInputIT extends OrderServiceIntegrationTestBase {

	private static final int TWO_MB = 2 * 1024 * 1024;

	/**
	 * One bad request: the raw body, its content type, the expected status and a fragment
	 * the problem's detail must contain.
	 */
	record BadRequest(String name, String contentType, Supplier<String> body, int status, String detail) {

		@Override
		public String toString() {
			return name;
		}

	}

	static Stream<BadRequest> badRequests() {
		return Stream.of(raw("malformed JSON", () -> "{\"currency\":\"EUR\",", "not valid JSON"),
				raw("JSON with a trailing comma", () -> BRIEF_BODY.replace("}]}", "},]}"), "not valid JSON"),
				raw("empty body", () -> "", "missing"), raw("JSON null body", () -> "null", "missing"),
				raw("JSON array body", () -> "[" + BRIEF_BODY + "]", "not valid JSON"),
				new BadRequest("wrong content type", "text/plain", () -> BRIEF_BODY, 415, "text/plain"),
				new BadRequest("form content type", "application/x-www-form-urlencoded", () -> "currency=EUR", 415,
						"application/x-www-form-urlencoded"),
				invalid("missing currency", o -> o.remove("currency"), "currency"),
				invalid("missing paymentMethod", o -> o.remove("paymentMethod"), "paymentMethod"),
				invalid("missing lines", o -> o.remove("lines"), "lines"),
				invalid("missing sku", o -> line(o).remove("sku"), "lines[0].sku"),
				invalid("missing quantity", o -> line(o).remove("quantity"), "lines[0].quantity"),
				invalid("missing unitPrice", o -> line(o).remove("unitPrice"), "lines[0].unitPrice"),
				invalid("null line", o -> lines(o).set(0, null), "lines[0]"),
				invalid("negative quantity", o -> line(o).put("quantity", -1), "quantity"),
				invalid("zero quantity", o -> line(o).put("quantity", 0), "quantity"),
				invalid("huge quantity", o -> line(o).put("quantity", 1001), "quantity"),
				invalid("quantity 1.5", o -> line(o).put("quantity", new BigDecimal("1.5")), "quantity"),
				invalid("quantity beyond int", o -> line(o).put("quantity", 99999999999L), "quantity"),
				invalid("quantity as text", o -> line(o).put("quantity", "two"), "quantity"),
				invalid("unitPrice with 3 decimals", o -> line(o).put("unitPrice", new BigDecimal("12.505")),
						"unitPrice"),
				invalid("negative unitPrice", o -> line(o).put("unitPrice", new BigDecimal("-12.50")), "unitPrice"),
				invalid("zero unitPrice", o -> line(o).put("unitPrice", 0), "unitPrice"),
				invalid("unitPrice as text", o -> line(o).put("unitPrice", "cheap"), "unitPrice"),
				invalid("unknown currency XXX", o -> o.put("currency", "XXX"), "currency"),
				invalid("lower-case currency eur", o -> o.put("currency", "eur"), "currency"),
				invalid("currency without cents JPY", o -> o.put("currency", "JPY"), "currency"),
				invalid("empty lines", o -> o.put("lines", List.of()), "lines"),
				invalid("101 lines", o -> o.put("lines", hundredAndOneLines()), "lines"),
				invalid("sku with spaces", o -> line(o).put("sku", "BOOK 1"), "sku"),
				invalid("emoji in sku", o -> line(o).put("sku", "BOOK-\uD83D\uDCDA"), "sku"),
				invalid("another customer's id in the body", o -> o.put("customerId", "c-43"), "customerId"),
				invalid("an email in the body", o -> o.put("customerEmail", "eve@example.com"), "customerEmail"),
				invalid("NUL in paymentMethod", o -> o.put("paymentMethod", "pm_card\u0000visa"), "paymentMethod"),
				invalid("NUL in sku", o -> line(o).put("sku", "BOOK\u00001"), "sku"),
				invalid("SQL injection in sku", o -> line(o).put("sku", "x'); drop table customer_order; --"), "sku"),
				invalid("script in sku", o -> line(o).put("sku", "<script>alert(1)</script>"), "sku"),
				invalid("script in paymentMethod", o -> o.put("paymentMethod", "<script>alert(1)</script>"),
						"paymentMethod"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void badOrderIsA4xxProblemNamingTheProblemAndStoresNothing(BadRequest bad) {
		TestCustomer customer = newCustomer("bad");
		long ordersBefore = allOrders();

		HttpResponse<String> response = post(customer, ORDERS, bad.contentType(),
				BodyPublishers.ofString(bad.body().get(), StandardCharsets.UTF_8));

		assertProblem(response, bad.status());
		String detail = json(response).get("detail").asString();
		assertThat(detail).contains(bad.detail());
		assertNoInternalsIn(detail);
		assertThat(countOrdersOf(customer)).isZero();
		assertThat(allOrders()).isEqualTo(ordersBefore);
	}

	@Test
	void twoMegabyteBodyWithContentLengthIs413Problem() {
		TestCustomer customer = newCustomer("big");
		byte[] body = oversizedBody();

		HttpResponse<String> response = post(customer, ORDERS, "application/json", BodyPublishers.ofByteArray(body));

		assertProblem(response, 413);
		assertThat(json(response).get("detail").asString()).contains("exceeds the limit");
		assertThat(countOrdersOf(customer)).isZero();
	}

	@Test
	void twoMegabyteBodyStreamedChunkedIsRefusedWithoutA5xx() {
		TestCustomer customer = newCustomer("big-chunked");
		byte[] body = oversizedBody();

		// ofInputStream has no known length: the client sends Transfer-Encoding: chunked
		HttpResponse<String> response = post(customer, ORDERS, "application/json",
				BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

		assertThat(response.statusCode()).as(response.body()).isIn(413, 400);
		assertProblem(response, response.statusCode());
		assertThat(countOrdersOf(customer)).isZero();
	}

	@Test
	void endlessChunkedBodyIsCutOffWithA413Problem() {
		TestCustomer customer = newCustomer("endless");
		byte[] head = "{\"currency\":\"EUR\",\"paymentMethod\":\"".getBytes(StandardCharsets.UTF_8);
		// far more than any limit; the server must stop reading long before the end
		InputStream endless = new SequenceInputStream(new ByteArrayInputStream(head),
				new ByteArrayInputStream("a".repeat(TWO_MB).getBytes(StandardCharsets.US_ASCII)));

		HttpResponse<String> response = post(customer, ORDERS, "application/json",
				BodyPublishers.ofInputStream(() -> endless));

		assertProblem(response, 413);
		assertThat(countOrdersOf(customer)).isZero();
	}

	@Test
	void getWithANonUuidIdIs400ProblemNamingTheId() {
		HttpResponse<String> response = get(newCustomer("bad-id"), ORDERS + "/12345");

		assertProblem(response, 400);
		assertThat(json(response).get("detail").asString()).contains("id").contains("12345");
	}

	@Test
	void getWithAnUnknownUuidIs404Problem() {
		UUID unknown = UUID.randomUUID();

		HttpResponse<String> response = get(newCustomer("unknown-id"), ORDERS + "/" + unknown);

		assertProblem(response, 404);
		assertThat(json(response).get("detail").asString()).contains(unknown.toString());
	}

	@Test
	void unsupportedMethodIsA405Problem() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(ORDERS + "/" + UUID.randomUUID()))
			.header("Authorization", "Bearer " + newCustomer("delete").token())
			.DELETE());

		assertProblem(response, 405);
	}

	private static void assertNoInternalsIn(String detail) {
		assertThat(detail).doesNotContain("io.orderflow", "java.", "Exception", "tools.jackson", "\tat ");
	}

	private long allOrders() {
		return jdbc.sql("select count(*) from customer_order").query(Long.class).single();
	}

	private static byte[] oversizedBody() {
		String padding = "x".repeat(TWO_MB);
		return ("{\"currency\":\"EUR\","
				+ "\"paymentMethod\":\"pm_card_visa\",\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":2,\"unitPrice\":12.50}],"
				+ "\"padding\":\"" + padding + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	// ---- building bodies

	private static BadRequest raw(String name, Supplier<String> body, String detail) {
		return new BadRequest(name, "application/json", body, 400, detail);
	}

	private static BadRequest invalid(String name, Consumer<Map<String, Object>> change, String detail) {
		return new BadRequest(name, "application/json", () -> {
			Map<String, Object> order = validOrder();
			change.accept(order);
			return JSON.writeValueAsString(order);
		}, 400, detail);
	}

	private static Map<String, Object> validOrder() {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("sku", "BOOK-1");
		line.put("quantity", 2);
		line.put("unitPrice", new BigDecimal("12.50"));
		List<Object> lines = new ArrayList<>();
		lines.add(line);
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("currency", "EUR");
		order.put("paymentMethod", "pm_card_visa");
		order.put("lines", lines);
		return order;
	}

	@SuppressWarnings("unchecked")
	private static List<Object> lines(Map<String, Object> order) {
		return (List<Object>) order.get("lines");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> line(Map<String, Object> order) {
		return (Map<String, Object>) lines(order).getFirst();
	}

	private static List<Map<String, Object>> hundredAndOneLines() {
		List<Map<String, Object>> lines = new ArrayList<>();
		for (int i = 0; i < 101; i++) {
			lines.add(Map.of("sku", "SKU-" + i, "quantity", 1, "unitPrice", new BigDecimal("1.00")));
		}
		return lines;
	}

}
