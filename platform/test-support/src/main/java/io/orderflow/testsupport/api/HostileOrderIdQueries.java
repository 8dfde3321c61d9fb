package io.orderflow.testsupport.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;

/**
 * The generator and the check of the property-based hostile input tests (I8,
 * docs/architecture.md) on a {@code GET <collection>?orderId=} read API: missing,
 * repeated, huge, encoded, unicode-edge and injection-looking values are never a 5xx; the
 * answer is a JSON array (200) or a 4xx {@code application/problem+json} with a non-empty
 * {@code detail}.
 *
 * <p>
 * The property itself, and how Spring gets into it, stays in each service's
 * {@code HostileInputIT}: jqwik runs it on its own engine, and the Spring test context it
 * needs is that service's.
 */
public final class HostileOrderIdQueries {

	/**
	 * Longer request lines never reach the application: Tomcat refuses a request head
	 * above 8 KB itself, before Spring (a 400 problem document, see order-service's
	 * HostileInputIT).
	 */
	private static final int MAX_REQUEST_LINE = 6000;

	private HostileOrderIdQueries() {
	}

	/**
	 * Sends the values as {@code orderId} parameters (none, one, or repeated),
	 * URL-encoded or as they are, and checks the answer. Values that cannot reach the
	 * server (not a URI, or a request line Tomcat refuses) are assumed away.
	 */
	public static void assertAnArrayOrA4xxProblem(String collectionPath, List<String> values, boolean encode,
			Function<String, HttpResponse<String>> get) {
		// unencoded, only what a client may put in a URI as is: printable ASCII
		// (java.net.URI checks the rest)
		Assume.that(encode || values.stream().allMatch(value -> value.chars().allMatch(c -> c > ' ' && c < 0x7f)));
		StringBuilder query = new StringBuilder();
		for (String value : values) {
			query.append(query.isEmpty() ? "?" : "&")
				.append("orderId=")
				.append(encode ? URLEncoder.encode(value, StandardCharsets.UTF_8) : value);
		}
		String pathAndQuery = collectionPath + query;
		Assume.that(pathAndQuery.length() <= MAX_REQUEST_LINE);
		HttpResponse<String> response;
		try {
			response = get.apply(pathAndQuery);
		}
		catch (IllegalArgumentException notAUri) {
			Assume.that(false); // java.net.URI refuses it: it never reaches the server
			return;
		}

		int status = response.statusCode();
		String body = response.body().length() > 500 ? response.body().substring(0, 500) + "..." : response.body();
		assertThat(status).as(pathAndQuery + " -> " + body).isLessThan(500).isIn(200, 400);
		if (!encode && values.stream().anyMatch(value -> value.matches(".*[\\[\\]{}|\\\\^`\"<>].*"))) {
			// Tomcat refuses these unencoded query chars before Spring: platform/web's
			// error report valve answers the
			// 400 problem document checked below
			assertThat(status).as(body).isEqualTo(400);
		}
		if (status == 200) {
			assertThat(ApiJson.read(response.body()).isArray()).as(body).isTrue();
			return;
		}
		assertThat(response.headers().firstValue("Content-Type")).as(body)
			.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
		JsonNode answer = ApiJson.read(response.body());
		assertThat(answer.get("status").asInt()).isEqualTo(status);
		assertThat(answer.get("detail").asString()).as(body).isNotBlank();
		assertThat(answer.get("detail").asString()).doesNotContain("io.orderflow", "org.apache", "Exception", "\tat ");
	}

	/**
	 * No value, one, or several (a repeated parameter): hostile seeds, any unicode,
	 * printable ASCII and real UUIDs.
	 * @param table the service's table, for the SQL-injection-looking seed
	 */
	public static Arbitrary<List<String>> orderIds(String table) {
		Arbitrary<String> seeds = Arbitraries.of("", " ", "null", "undefined", "0", "-1", "1-1-1-1-1",
				"00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffffff",
				UUID.randomUUID() + "x", " " + UUID.randomUUID(), UUID.randomUUID().toString().toUpperCase(),
				"{" + UUID.randomUUID() + "}", "' OR 1=1 --", "'; drop table " + table + "; --",
				"<script>alert(1)</script>", "${jndi:ldap://x/a}", "../../etc/passwd", "\u0000",
				"\u202E" + UUID.randomUUID(), "\uD83D\uDE00", "\uD83D", "\uFFFF", "\u05E9\u05DC\u05D5\u05DD", "%00",
				"%2e%2e%2f", "%25", "[]", "{}", "a&orderId=b", "x".repeat(1000), "x".repeat(5000));
		Arbitrary<String> anyUnicode = Arbitraries.strings().all().ofMaxLength(100);
		Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(100);
		Arbitrary<String> uuids = Arbitraries.create(() -> UUID.randomUUID().toString());
		Arbitrary<String> value = Arbitraries.frequencyOf(Tuple.of(4, seeds), Tuple.of(3, anyUnicode),
				Tuple.of(2, printable), Tuple.of(1, uuids));
		return value.list().ofMaxSize(3);
	}

}
