package io.orderflow.order.orders.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.math.BigDecimal;
import java.net.URLEncoder;
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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import io.orderflow.order.OrderServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Integration: every kind of bad input to the order API is a 4xx
 * {@code application/problem+json} whose detail names the problem, never a 5xx, and
 * nothing is stored for it (I8, docs/architecture.md).
 */
class BadInputIT extends OrderServiceIntegrationTestBase {

	private static final int TWO_MB = 2 * 1024 * 1024;

	/**
	 * One bad request: the raw body (made for a unique customer id), its content type,
	 * the expected status and a fragment the problem's detail must contain.
	 */
	record BadRequest(String name, String contentType, UnaryOperator<String> body, int status, String detail) {

		@Override
		public String toString() {
			return name;
		}

	}

	static Stream<BadRequest> badRequests() {
		return Stream.of(raw("malformed JSON", c -> "{\"customerId\":\"" + c + "\",", "not valid JSON"),
				raw("JSON with a trailing comma", c -> BRIEF_BODY.formatted(c).replace("}]}", "},]}"),
						"not valid JSON"),
				raw("empty body", c -> "", "missing"), raw("JSON null body", c -> "null", "missing"),
				raw("JSON array body", c -> "[" + BRIEF_BODY.formatted(c) + "]", "not valid JSON"),
				new BadRequest("wrong content type", "text/plain", BRIEF_BODY::formatted, 415, "text/plain"),
				new BadRequest("form content type", "application/x-www-form-urlencoded", c -> "customerId=" + c, 415,
						"application/x-www-form-urlencoded"),
				invalid("missing customerId", o -> o.remove("customerId"), "customerId"),
				invalid("missing customerEmail", o -> o.remove("customerEmail"), "customerEmail"),
				invalid("missing currency", o -> o.remove("currency"), "currency"),
				invalid("missing paymentMethod", o -> o.remove("paymentMethod"), "paymentMethod"),
				invalid("missing lines", o -> o.remove("lines"), "lines"),
				invalid("missing sku", o -> line(o).remove("sku"), "lines[0].sku"),
				invalid("missing quantity", o -> line(o).remove("quantity"), "lines[0].quantity"),
				invalid("missing unitPrice", o -> line(o).remove("unitPrice"), "lines[0].unitPrice"),
				invalid("blank customerEmail", o -> o.put("customerEmail", "  "), "customerEmail"),
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
				invalid("invalid email", o -> o.put("customerEmail", "ada.example.com"), "customerEmail"),
				invalid("email with two @", o -> o.put("customerEmail", "ada@@example.com"), "customerEmail"),
				invalid("customerId too long", o -> o.put("customerId", "c".repeat(65)), "customerId"),
				invalid("emoji in customerId", o -> o.put("customerId", "c-42-\uD83D\uDE00"), "customerId"),
				invalid("emoji in sku", o -> line(o).put("sku", "BOOK-\uD83D\uDCDA"), "sku"),
				invalid("RTL override in customerId", o -> o.put("customerId", "\u202Ec-42"), "customerId"),
				invalid("Hebrew customerId", o -> o.put("customerId", "\u05E9\u05DC\u05D5\u05DD"), "customerId"),
				invalid("NUL in customerId", o -> o.put("customerId", "c-42\u0000"), "customerId"),
				invalid("NUL in email local part", o -> o.put("customerEmail", "ada\u0000@example.com"),
						"customerEmail"),
				invalid("NUL in email domain", o -> o.put("customerEmail", "ada@exam\u0000ple.com"), "customerEmail"),
				invalid("NUL in paymentMethod", o -> o.put("paymentMethod", "pm_card\u0000visa"), "paymentMethod"),
				invalid("NUL in sku", o -> line(o).put("sku", "BOOK\u00001"), "sku"),
				invalid("SQL injection in customerId", o -> o.put("customerId", "' OR 1=1 --"), "customerId"),
				invalid("SQL injection in sku", o -> line(o).put("sku", "x'); drop table customer_order; --"), "sku"),
				invalid("script in sku", o -> line(o).put("sku", "<script>alert(1)</script>"), "sku"),
				invalid("script in email", o -> o.put("customerEmail", "<script>@example.com"), "customerEmail"),
				invalid("script in paymentMethod", o -> o.put("paymentMethod", "<script>alert(1)</script>"),
						"paymentMethod"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("badRequests")
	void badOrderIsA4xxProblemNamingTheProblemAndStoresNothing(BadRequest bad) {
		String customer = uniqueCustomer("bad");
		long ordersBefore = allOrders();

		HttpResponse<String> response = post(ORDERS, bad.contentType(),
				BodyPublishers.ofString(bad.body().apply(customer), StandardCharsets.UTF_8));

		assertProblem(response, bad.status());
		String detail = json(response).get("detail").asString();
		assertThat(detail).contains(bad.detail());
		assertNoInternalsIn(detail);
		assertThat(countOrdersOf(customer)).isZero();
		assertThat(allOrders()).isEqualTo(ordersBefore);
	}

	@Test
	void twoMegabyteBodyWithContentLengthIs413Problem() {
		String customer = uniqueCustomer("big");
		byte[] body = oversizedBody(customer);

		HttpResponse<String> response = post(ORDERS, "application/json", BodyPublishers.ofByteArray(body));

		assertProblem(response, 413);
		assertThat(json(response).get("detail").asString()).contains("exceeds the limit");
		assertThat(countOrdersOf(customer)).isZero();
	}

	@Test
	void twoMegabyteBodyStreamedChunkedIsRefusedWithoutA5xx() {
		String customer = uniqueCustomer("big-chunked");
		byte[] body = oversizedBody(customer);

		// ofInputStream has no known length: the client sends Transfer-Encoding: chunked
		HttpResponse<String> response = post(ORDERS, "application/json",
				BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));

		assertThat(response.statusCode()).as(response.body()).isIn(413, 400);
		assertProblem(response, response.statusCode());
		assertThat(countOrdersOf(customer)).isZero();
	}

	@Test
	void endlessChunkedBodyIsCutOffWithA413Problem() {
		String customer = uniqueCustomer("endless");
		byte[] head = ("{\"customerId\":\"" + customer + "\",\"customerEmail\":\"").getBytes(StandardCharsets.UTF_8);
		// far more than any limit; the server must stop reading long before the end
		InputStream endless = new SequenceInputStream(new ByteArrayInputStream(head),
				new ByteArrayInputStream("a".repeat(TWO_MB).getBytes(StandardCharsets.US_ASCII)));

		HttpResponse<String> response = post(ORDERS, "application/json", BodyPublishers.ofInputStream(() -> endless));

		assertProblem(response, 413);
		assertThat(countOrdersOf(customer)).isZero();
	}

	@Test
	void getWithANonUuidIdIs400ProblemNamingTheId() {
		HttpResponse<String> response = get(ORDERS + "/12345");

		assertProblem(response, 400);
		assertThat(json(response).get("detail").asString()).contains("id").contains("12345");
	}

	@Test
	void getWithAnUnknownUuidIs404Problem() {
		UUID unknown = UUID.randomUUID();

		HttpResponse<String> response = get(ORDERS + "/" + unknown);

		assertProblem(response, 404);
		assertThat(json(response).get("detail").asString()).contains(unknown.toString());
	}

	static Stream<Arguments> edgeCustomerIdFilters() {
		return Stream.of(argumentSet("NUL", "c-42\u0000"), argumentSet("emoji", "\uD83D\uDE00"),
				argumentSet("RTL override", "\u202Ec-42"), argumentSet("Hebrew", "\u05E9\u05DC\u05D5\u05DD"),
				argumentSet("script", "<script>alert(1)</script>"), argumentSet("SQL injection", "' OR 1=1 --"),
				argumentSet("LIKE injection", "c-42%' or customer_id like '%"));
	}

	@ParameterizedTest
	@MethodSource("edgeCustomerIdFilters")
	void listingWithACustomerIdThatCannotExistIsA400ProblemNamingIt(String customerId) {
		HttpResponse<String> response = get(
				ORDERS + "?customerId=" + URLEncoder.encode(customerId, StandardCharsets.UTF_8));

		assertProblem(response, 400);
		assertThat(json(response).get("detail").asString()).contains("customerId");
	}

	@Test
	void unsupportedMethodIsA405Problem() {
		HttpResponse<String> response = send(HttpRequest.newBuilder(uri(ORDERS + "/" + UUID.randomUUID())).DELETE());

		assertProblem(response, 405);
	}

	private static void assertNoInternalsIn(String detail) {
		assertThat(detail).doesNotContain("io.orderflow", "java.", "Exception", "tools.jackson", "\tat ");
	}

	private long allOrders() {
		return jdbc.sql("select count(*) from customer_order").query(Long.class).single();
	}

	private static byte[] oversizedBody(String customer) {
		String padding = "x".repeat(TWO_MB);
		return ("{\"customerId\":\"" + customer + "\",\"customerEmail\":\"ada@example.com\",\"currency\":\"EUR\","
				+ "\"paymentMethod\":\"pm_card_visa\",\"lines\":[{\"sku\":\"BOOK-1\",\"quantity\":2,\"unitPrice\":12.50}],"
				+ "\"padding\":\"" + padding + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	// ---- building bodies

	private static BadRequest raw(String name, UnaryOperator<String> body, String detail) {
		return new BadRequest(name, "application/json", body, 400, detail);
	}

	private static BadRequest invalid(String name, Consumer<Map<String, Object>> change, String detail) {
		return new BadRequest(name, "application/json", customer -> {
			Map<String, Object> order = validOrder(customer);
			change.accept(order);
			return JSON.writeValueAsString(order);
		}, 400, detail);
	}

	private static Map<String, Object> validOrder(String customer) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("sku", "BOOK-1");
		line.put("quantity", 2);
		line.put("unitPrice", new BigDecimal("12.50"));
		List<Object> lines = new ArrayList<>();
		lines.add(line);
		Map<String, Object> order = new LinkedHashMap<>();
		order.put("customerId", customer);
		order.put("customerEmail", "ada@example.com");
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
