package io.orderflow.order.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.orderflow.order.OrderServiceIntegrationTestBase;
import io.orderflow.order.orders.it.Hostile.Raw;
import io.orderflow.testsupport.identity.TestCustomer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.BeforeProperty;
import tools.jackson.databind.JsonNode;

import org.springframework.test.context.TestContextManager;

/**
 * Property-based hostile input on every order endpoint (I8, docs/architecture.md):
 * whatever arrives, the answer is never a 5xx; a refused request is a 4xx
 * {@code application/problem+json} with a non-empty {@code detail} and stores nothing; a
 * request that may be valid after all (JSON coerces {@code 42} to {@code "42"}) is either
 * refused that way or answered 202 with an order that can be read back. Each generated
 * input carries {@code mustReject} when the API's own rules (a necessary condition only)
 * say it cannot be a valid order: then a 202 fails the property.
 *
 * <p>
 * How Spring gets in: jqwik properties run on jqwik's own JUnit Platform engine, without
 * Spring's Jupiter extension, and no jqwik-spring release targets Spring Framework 7 /
 * Boot 4. So this class does what that extension does, by hand: a
 * {@link TestContextManager} for this class prepares each property's instance, which
 * injects {@code port} and {@code jdbc} from the base class's context. The context
 * configuration is the base class's, unchanged, so Spring's context cache hands out the
 * application the other ITs already started (or starts it once); the base class's Jupiter
 * callbacks ({@code @BeforeAll}/{@code @BeforeEach}) do not run and nothing here needs
 * them.
 */
class HostileInputIT extends OrderServiceIntegrationTestBase {

	private static final Object MISSING = new Raw("<missing>");

	/**
	 * Longer request lines never reach the application: Tomcat refuses a request head
	 * above {@code server.max-http-request-header-size} (8 KB) itself, see
	 * {@link #anOversizedRequestHeadIsA400Problem}.
	 */
	private static final int MAX_REQUEST_LINE = 6000;

	/**
	 * The fields a body must not carry: the customer and the email are the bearer
	 * token's.
	 */
	private static final List<String> FROM_THE_TOKEN = List.of("customerId", "customerEmail");

	private static TestContextManager spring;

	/** The customer every hostile request is sent as, once per property run. */
	private static TestCustomer hostile;

	@BeforeContainer
	static void springContext() {
		spring = new TestContextManager(HostileInputIT.class);
		hostile = newCustomer("hostile");
	}

	@BeforeProperty
	void injectSpring() throws Exception {
		spring.prepareTestInstance(this);
	}

	// ---- POST /api/orders

	@Property(tries = 150)
	void anOrderWithOneHostileFieldIsRefusedAsAProblemOrStoredForReal(
			@ForAll("hostileField") Tuple2<String, Object> hostileField) {
		Map<String, Object> order = Hostile.validOrder();
		String field = hostileField.get1();
		Object value = hostileField.get2();
		Map<String, Object> target = List.of("sku", "quantity", "unitPrice").contains(field) ? Hostile.firstLine(order)
				: order;
		if (field.equals("line")) {
			order.put("lines", List.of(value));
		}
		else if (value == MISSING) {
			target.remove(field);
		}
		else {
			target.put(field, value);
		}

		assertHonest(() -> postJson(hostile, ORDERS, Hostile.json(order)), mustReject(field, value));
	}

	@Provide
	Arbitrary<Tuple2<String, Object>> hostileField() {
		return Arbitraries
			.of("customerId", "customerEmail", "currency", "paymentMethod", "sku", "quantity", "unitPrice", "lines",
					"line")
			.flatMap(field -> valuesFor(field).map(value -> Tuple.of(field, value)));
	}

	private static Arbitrary<Object> valuesFor(String field) {
		return switch (field) {
			case "quantity", "unitPrice" ->
				Arbitraries.frequencyOf(Tuple.of(8, Hostile.numbers()), Tuple.of(1, Arbitraries.just(MISSING)));
			case "lines" -> Arbitraries.of(MISSING, new Raw("null"), new Raw("[]"), new Raw("{}"), new Raw("[null]"),
					new Raw("[1]"), new Raw("[[]]"), new Raw("[{}]"), new Raw("[\"BOOK-1\"]"), "lines", new Raw("true"),
					new Raw("12.50"));
			case "line" -> Arbitraries.of(new Raw("null"), new Raw("\"BOOK-1\""), new Raw("2"), new Raw("[]"),
					new Raw("{}"), new Raw("true"), new Raw("{\"sku\":null,\"quantity\":null,\"unitPrice\":null}"));
			default -> Arbitraries.frequencyOf(Tuple.of(6, Hostile.strings().map(Object.class::cast)),
					Tuple.of(2, Hostile.notStrings()), Tuple.of(1, Hostile.neverStrings()),
					Tuple.of(1, Arbitraries.just(MISSING)));
		};
	}

	private static boolean mustReject(String field, Object value) {
		if (FROM_THE_TOKEN.contains(field)) {
			// absent or null is what a client sends; any value is refused, not ignored
			return !(value == MISSING || value instanceof Raw raw && raw.token().equals("null"));
		}
		if (value == MISSING || field.equals("lines") || field.equals("line")) {
			return true;
		}
		if (field.equals("quantity") || field.equals("unitPrice")) {
			if (!(value instanceof Raw raw)) {
				return false; // a string may be coerced to a number
			}
			if (!raw.token().matches("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?")) {
				// not a JSON number: true may be coerced, anything else breaks the JSON
				return !raw.token().equals("true");
			}
			BigDecimal number = new BigDecimal(raw.token()).stripTrailingZeros();
			if (field.equals("quantity")) {
				return number.compareTo(BigDecimal.ONE) < 0 || number.compareTo(BigDecimal.valueOf(1000)) > 0;
			}
			return number.compareTo(new BigDecimal("0.01")) < 0 || number.scale() > 2
					|| number.precision() - number.scale() > 9;
		}
		return !Hostile.mayBeValid(field, value);
	}

	@Property(tries = 60)
	void unknownFieldsAreIgnoredOrRefusedNeverA5xx(@ForAll("keys") String key, @ForAll("anyValue") Object value,
			@ForAll boolean inLine) {
		Map<String, Object> order = Hostile.validOrder();
		Map<String, Object> target = inLine ? Hostile.firstLine(order) : order;
		boolean aField = target.containsKey(key) || !inLine && FROM_THE_TOKEN.contains(key);
		target.put(key, value);

		assertHonest(() -> postJson(hostile, ORDERS, Hostile.json(order)), aField && mustReject(key, value));
	}

	@Provide
	Arbitrary<String> keys() {
		return Arbitraries.oneOf(Hostile.strings(), Arbitraries.of("id", "status", "total", "history", "placedAt",
				"__proto__", "constructor", "@class", "@type", "customerid", "CustomerId", "customerId "));
	}

	@Provide
	Arbitrary<Object> anyValue() {
		return Arbitraries.oneOf(Hostile.strings().map(Object.class::cast), Hostile.notStrings(),
				Hostile.neverStrings(), Hostile.numbers(),
				Arbitraries.just(new Raw("{\"@class\":\"java.lang.ProcessBuilder\",\"command\":[\"id\"]}")),
				Arbitraries.just(new Raw("[\"java.net.URL\",\"http://127.0.0.1:1/\"]")));
	}

	/** A body that is not the JSON it claims to be, or only just. */
	record Body(String kind, String template, boolean utf16, boolean mustReject) {

		byte[] bytes() {
			return template.getBytes(utf16 ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8);
		}

		@Override
		public String toString() {
			return kind + ": " + (template.length() > 300 ? template.substring(0, 300) + "..." : template);
		}

	}

	@Property(tries = 120)
	void malformedJsonIsA400ProblemAndStoresNothing(@ForAll("malformed") Body body) {
		assertHonest(() -> post(hostile, ORDERS, "application/json", BodyPublishers.ofByteArray(body.bytes())),
				body.mustReject());
	}

	@Provide
	Arbitrary<Body> malformed() {
		Arbitrary<String> valid = Arbitraries.just(Hostile.json(Hostile.validOrder()));
		Arbitrary<Body> truncated = valid.flatMap(text -> Arbitraries.integers()
			.between(0, text.length() - 1)
			.map(cut -> body("truncated", text.substring(0, cut), true)));
		Arbitrary<Body> trailing = Combinators.combine(valid, Hostile.strings())
			.as((text, garbage) -> body("trailing garbage", text + garbage, false));
		Arbitrary<Body> duplicated = Combinators
			.combine(valid, Arbitraries.of("customerId", "currency", "paymentMethod", "lines"), Hostile.strings(),
					Arbitraries.of(true, false))
			.as((text, key, value, first) -> body("duplicated " + key, first
					? "{" + Hostile.json(key) + ":" + Hostile.json(value) + "," + text.substring(1)
					: text.substring(0, text.length() - 1) + "," + Hostile.json(key) + ":" + Hostile.json(value) + "}",
					false));
		Arbitrary<Body> deleted = valid.flatMap(text -> Arbitraries.integers()
			.between(0, text.length() - 1)
			.map(at -> body("char deleted", text.substring(0, at) + text.substring(at + 1), false)));
		Arbitrary<Body> inserted = Combinators
			.combine(valid, Arbitraries.strings().withChars("{}[]\",:\\'\u0000 \n/*#").ofMinLength(1).ofMaxLength(3),
					Arbitraries.doubles().between(0, 1))
			.as((text, chars, where) -> {
				int at = (int) (where * text.length());
				return body("chars inserted", text.substring(0, at) + chars + text.substring(at), false);
			});
		Arbitrary<Body> nested = Arbitraries.integers()
			.between(100, 20_000)
			.map(depth -> body("nested " + depth,
					"{\"currency\":\"EUR\",\"lines\":" + "[".repeat(depth) + "]".repeat(depth) + "}", true));
		Arbitrary<Body> longNumber = Combinators.combine(valid, Arbitraries.integers().between(400, 30_000))
			.as((text, digits) -> body("number of " + digits + " digits",
					text.replace("\"quantity\":2", "\"quantity\":1" + "0".repeat(digits)), true));
		Arbitrary<Body> bom = valid.map(text -> body("with BOM", "\uFEFF" + text, false));
		Arbitrary<Body> utf16 = valid.map(text -> new Body("UTF-16", text, true, false));
		Arbitrary<Body> comments = valid
			.map(text -> body("with comment", "/* hi */" + text.replace(",", ",//x\n"), false));
		Arbitrary<Body> singleQuotes = valid.map(text -> body("single quotes", text.replace('"', '\''), true));
		return Arbitraries.oneOf(truncated, trailing, duplicated, deleted, inserted, nested, longNumber, bom, utf16,
				comments, singleQuotes);
	}

	private static Body body(String kind, String text, boolean mustReject) {
		return new Body(kind, text, false, mustReject);
	}

	@Property(tries = 80)
	void randomBytesAreA400ProblemAndStoreNothing(@ForAll @Size(max = 3000) byte[] bytes) {
		assertHonest(() -> post(hostile, ORDERS, "application/json", BodyPublishers.ofByteArray(bytes)), true);
	}

	@Property(tries = 60)
	void aValidBodyUnderAWrongContentTypeIsRefusedOrReadAsJson(@ForAll("contentTypes") String contentType) {
		boolean notJson = contentType.isEmpty() || !contentType.toLowerCase().contains("json");
		try {
			assertHonest(() -> post(hostile, ORDERS, contentType.isEmpty() ? null : contentType,
					BodyPublishers.ofString(BRIEF_BODY, StandardCharsets.UTF_8)), notJson);
		}
		catch (IllegalArgumentException refusedByTheClient) {
			Assume.that(false); // an illegal header value never reaches the server
		}
	}

	@Provide
	Arbitrary<String> contentTypes() {
		Arbitrary<String> known = Arbitraries.of("", "text/plain", "text/html", "application/xml", "text/xml",
				"application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
				"image/png", "application/json-patch+json", "application/problem+json", "application/merge-patch+json",
				"application/json; charset=utf-16", "application/json; charset=ebcdic-xx", "application/json; charset=",
				"application/json; charset=\"", "application/json;;;", "application/json; q=x", "application/jsonx",
				"application/", "/json", "*/*", "application/*", "json", "application/json\u0000",
				"application/json; a=\u00e9", "APPLICATION/JSON", "application/json, text/plain",
				"application/json; boundary=" + "b".repeat(4000),
				// once found by this property: Spring's media type parser failed with an
				// index out of bounds
				"\"/!", "\"0QqV/f%~>\\");
		Arbitrary<String> random = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(80);
		Arbitrary<String> jsonish = random.map(tail -> "application/json;" + tail);
		return Arbitraries.oneOf(known, random, jsonish);
	}

	@Property(tries = 20)
	void moreThanAHundredLinesAreRefusedAndStoreNothing(@ForAll("lineCounts") int count) {
		Map<String, Object> order = Hostile.validOrder();
		List<Object> lines = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			lines.add(Hostile.line("SKU-" + i, 1, new BigDecimal("1.00")));
		}
		order.put("lines", lines);

		assertHonest(() -> postJson(hostile, ORDERS, Hostile.json(order)), true);
	}

	@Provide
	Arbitrary<Integer> lineCounts() {
		return Arbitraries.oneOf(Arbitraries.integers().between(101, 1500),
				Arbitraries.integers().between(1500, 20_000));
	}

	@Property(tries = 80)
	void aHostileIdempotencyKeyIsRefusedOrHonoured(@ForAll("idempotencyKeys") String key) {
		// java.net.http sends header values as US-ASCII: what the server sees has '?' for
		// every other char
		String trimmed = key.chars()
			.map(c -> c > 0x7e && c != 0x7f ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString()
			.strip();
		boolean mustReject = !trimmed.isEmpty() && !trimmed.matches("[\\x21-\\x7e]{1,255}");
		try {
			assertHonest(() -> postJson(hostile, ORDERS, BRIEF_BODY, "Idempotency-Key", key), mustReject);
		}
		catch (IllegalArgumentException refusedByTheClient) {
			Assume.that(false); // an illegal header value never reaches the server
		}
	}

	@Provide
	Arbitrary<String> idempotencyKeys() {
		Arbitrary<String> latin1 = Arbitraries.strings().withCharRange(' ', '\u00ff').ofMinLength(1).ofMaxLength(300);
		// up to 6000: a request head above 8 KB is refused by Tomcat before Spring (see
		// anOversizedRequestHeadIsA400Problem)
		Arbitrary<String> tooLong = Arbitraries.integers().between(256, 6000).map("k"::repeat);
		Arbitrary<String> seeds = Arbitraries.of(Hostile.SEEDS)
			.filter(seed -> seed.length() <= 6000 && seed.chars().allMatch(c -> c >= ' ' && c <= 0xff));
		Arbitrary<String> unicode = Arbitraries.of("k\u00e9y", "\u00ff\u00fe", "key-\u00a0",
				"\u00e4\u00f6\u00fc-" + "a".repeat(250));
		return Arbitraries.oneOf(latin1, tooLong, seeds, unicode);
	}

	// ---- GET /api/orders/{id}, POST /api/orders/{id}/cancel

	@Property(tries = 100)
	void aHostileOrderIdIsA4xxProblem(@ForAll("pathSegments") String segment, @ForAll boolean cancel) {
		String path = ORDERS + "/" + segment + (cancel ? "/cancel" : "");
		Assume.that(path.length() <= MAX_REQUEST_LINE);
		HttpResponse<String> response = cancel ? post(hostile, path, null, BodyPublishers.noBody())
				: get(hostile, path);

		// an encoded '/', '\' or NUL, or invalid UTF-8 (%c0%ae) is refused by Tomcat
		// before Spring: platform/web's error
		// report valve answers that problem document
		assertThat(response.statusCode()).as(path + " -> " + response.body()).isBetween(400, 499);
		assertProblem(response, response.statusCode());
	}

	@Provide
	Arbitrary<String> pathSegments() {
		Arbitrary<String> encoded = Hostile.strings()
			.filter(text -> !text.isEmpty())
			.map(text -> URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20"));
		Arbitrary<String> raw = Arbitraries.of("..", ".", "...", "%2e%2e", "%2E", "%252e%252e", "%2f", "%5c", "%00",
				"%25", "%25zz", "%c0%ae", "%ed%a0%80", "%ff", ";jsessionid=1", "x;a=b",
				"00000000-0000-0000-0000-000000000000", "1-1-1-1-1", "ffffffff-ffff-ffff-ffff-ffffffffffffff", "%7B%7D",
				"~", "!$&'()*+,=:@");
		return Arbitraries.oneOf(encoded, raw);
	}

	/**
	 * Tomcat refuses a request head above 8 KB (long URL or header) before Spring sees
	 * it; platform/web's error report valve answers a 400 problem document, which never
	 * echoes the oversized input.
	 */
	@Example
	void anOversizedRequestHeadIsA400Problem() {
		String huge = "x".repeat(20_000);
		for (String path : List.of(ORDERS + "/" + huge, ORDERS + "/" + huge + "/cancel", ORDERS + "?status=" + huge)) {
			HttpResponse<String> response = path.endsWith("/cancel")
					? post(hostile, path, null, BodyPublishers.noBody()) : get(hostile, path);
			assertThat(response.statusCode()).as(path.substring(0, 40) + "... -> " + response.body()).isEqualTo(400);
			assertProblem(response, 400);
			assertThat(response.body()).doesNotContain("xxxxxxxx");
		}
		long ordersBefore = allOrders();
		HttpResponse<String> response = postJson(hostile, ORDERS, BRIEF_BODY, "Idempotency-Key", "k".repeat(10_000));
		assertThat(response.statusCode()).as("10 KB Idempotency-Key -> " + response.body()).isEqualTo(400);
		assertProblem(response, 400);
		assertThat(response.body()).doesNotContain("kkkkkkkk");
		assertThat(allOrders()).as("nothing stored").isEqualTo(ordersBefore);
	}

	// ---- GET /api/orders?status=&page=&size=&after= (and a customerId, which is not
	// read)

	@Property(tries = 100)
	void hostileListParametersAnswerAPageOrA4xxProblem(@ForAll("queryValues") List<String> customerId,
			@ForAll("queryValues") List<String> status, @ForAll("queryValues") List<String> page,
			@ForAll("queryValues") List<String> size, @ForAll("queryValues") List<String> after) {
		StringBuilder query = new StringBuilder();
		param(query, "customerId", customerId);
		param(query, "status", status);
		param(query, "page", page);
		param(query, "size", size);
		param(query, "after", after);
		String pathAndQuery = ORDERS + (query.isEmpty() ? "" : "?" + query.substring(1));
		Assume.that(pathAndQuery.length() <= MAX_REQUEST_LINE);
		HttpResponse<String> response = get(hostile, pathAndQuery);

		assertThat(response.statusCode()).as(pathAndQuery + " -> " + response.body()).isIn(200, 400);
		if (response.statusCode() == 200) {
			assertThat(json(response).get("content").isArray()).isTrue();
		}
		else {
			assertProblem(response, 400);
		}
	}

	/** No value (absent), one, or several (a repeated parameter), each hostile. */
	@Provide
	Arbitrary<List<String>> queryValues() {
		Arbitrary<String> value = Arbitraries.oneOf(
				Hostile.strings().map(text -> text.length() > 1000 ? text.substring(0, 1000) : text),
				Arbitraries.of("CONFIRMED", "pending", "0", "-1", "100000", "100001", "2147483648", "1e3", "0x10",
						"1.5", "20 ", "NaN", "c-42", "101", "100", "9999", "10000",
						// positions ("after"): well-formed, of a date PostgreSQL cannot
						// store, not Base64
						"bzEuMTcwMDAwMDAwMDAwMDAwMC4wMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA",
						"bzEuOTAwMDAwMDAwMDAwMDAwMDAwMC4wMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA", "%%%"));
		return value.list().ofMaxSize(3);
	}

	private static void param(StringBuilder query, String name, List<String> values) {
		for (String value : values) {
			query.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
		}
	}

	// ---- the property every answer must have

	/**
	 * Never a 5xx. A 202 only for input that may be valid, and then the order is really
	 * stored. Anything else is a 4xx problem with a detail, and nothing was stored for
	 * the customer, nor at all.
	 */
	private void assertHonest(Supplier<HttpResponse<String>> request, boolean mustReject) {
		long ordersBefore = allOrders();
		long customersBefore = countOrdersOf(hostile);
		HttpResponse<String> response = request.get();
		int status = response.statusCode();
		String body = response.body().length() > 500 ? response.body().substring(0, 500) + "..." : response.body();
		assertThat(status).as("never a 5xx: " + body).isLessThan(500);
		if (status == 202 && !mustReject) {
			JsonNode placed = json(response);
			assertThat(get(hostile, ORDERS + "/" + placed.get("id").asString()).statusCode())
				.as("a 202 order is stored")
				.isEqualTo(200);
			return;
		}
		assertThat(status).as("refused: " + body).isIn(400, 413, 415, 422);
		assertProblem(response, status);
		assertThat(countOrdersOf(hostile)).as("nothing stored for the customer").isEqualTo(customersBefore);
		assertThat(allOrders()).as("nothing stored at all").isEqualTo(ordersBefore);
	}

	private long allOrders() {
		return jdbc.sql("select count(*) from customer_order").query(Long.class).single();
	}

}
