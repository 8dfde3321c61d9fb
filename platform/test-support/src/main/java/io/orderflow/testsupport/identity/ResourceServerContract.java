package io.orderflow.testsupport.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every service promises as a resource server (I10, ADR 0022), checked on the
 * running service with tokens of the shared authorization server
 * ({@link TestIdentities}): its customer API refuses a request without a token, and every
 * token the provider did not issue as it stands (malformed, {@code alg: none}, signed by
 * another key, expired, a real one altered), with a {@code 401} problem and a bearer
 * challenge; a customer's token on {@code /admin/**} is a {@code 403} problem; the
 * operator's is let in.
 *
 * <p>
 * The provider's own key stays inside the test's authorization server, so a token it
 * never issued is signed by a key of the test's own: valid in every claim but the
 * signature. The other claims (wrong issuer, audience, no expiry) are checked once, in
 * platform/security's {@code ResourceServerIT}, with the provider's key.
 *
 * <p>
 * A service's test implements this next to its integration test base class, as
 * {@code ReadByOrderIdApiContract}; the default methods run as that class's own tests.
 */
public interface ResourceServerContract {

	/** The operator's resource every service has (platform/dead-letter-admin). */
	String DEAD_LETTERS = "/admin/dead-letters";

	/**
	 * {@code GET} on the running service with this bearer token; {@code null} sends none.
	 */
	HttpResponse<String> get(String pathAndQuery, String token);

	/**
	 * A request of the customer API the token's customer is entitled to, e.g.
	 * {@code /api/payments?orderId=<random>}.
	 */
	String customerApiRequest();

	/** The service's name: the audience of the tokens it accepts. */
	String audience();

	/**
	 * The same request as {@link #customerApiRequest()} about an order a customer placed,
	 * once the service answers something about it to that customer.
	 */
	String customerApiRequestOfAPlacedOrder();

	@Test
	default void theOrderOfAnotherCustomerAnswersAsAnOrderNeverSeen() {
		String someoneElsesOrder = customerApiRequestOfAPlacedOrder();
		String token = TestIdentities.newCustomer("another").token();

		HttpResponse<String> someoneElses = get(someoneElsesOrder, token);
		HttpResponse<String> neverSeen = get(customerApiRequest(), token);

		assertThat(neverSeen.statusCode()).as("an order never seen: empty or not found").isIn(200, 404);
		assertThat(someoneElses.statusCode()).as(someoneElses.body()).isEqualTo(neverSeen.statusCode());
		assertThat(someoneElses.headers().firstValue("Content-Type"))
			.isEqualTo(neverSeen.headers().firstValue("Content-Type"));
		assertThat(someoneElses.body()).isEqualTo(neverSeen.body());
	}

	@Test
	default void withoutATokenTheCustomerApiIsA401ProblemWithABearerChallenge() {
		HttpResponse<String> refused = get(customerApiRequest(), null);

		assertProblem(refused, 401);
		assertThat(refused.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
	}

	@TestFactory
	default Stream<DynamicTest> aTokenTheProviderDidNotIssueAsItStandsIsA401Problem() {
		return forgedTokens(TestIdentities.newCustomer("forged"), audience()).entrySet()
			.stream()
			.flatMap(forged -> Stream.of(customerApiRequest(), DEAD_LETTERS)
				.map(request -> DynamicTest.dynamicTest(forged.getKey() + " on " + request,
						() -> assertRefusedAsInvalid(get(request, forged.getValue()), forged.getValue()))));
	}

	@Test
	default void aCustomersTokenOnTheDeadLettersIsA403Problem() {
		HttpResponse<String> refused = get(DEAD_LETTERS, TestIdentities.newCustomer("not-an-operator").token());

		assertProblem(refused, 403);
		assertThat(refused.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(challenge -> assertThat(challenge).contains("insufficient_scope"));
	}

	@Test
	default void theOperatorsTokenReadsTheDeadLetters() {
		HttpResponse<String> answer = get(DEAD_LETTERS, TestIdentities.operatorToken());

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
	}

	/**
	 * The answer to a token that is not one the provider issued as it stands: a
	 * {@code 401} problem with an {@code invalid_token} challenge, which does not echo
	 * the token (one long enough to tell).
	 */
	static void assertRefusedAsInvalid(HttpResponse<String> refused, String token) {
		assertProblem(refused, 401);
		assertThat(refused.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(challenge -> assertThat(challenge).contains("invalid_token"));
		if (token.length() >= 16) { // shorter ones may be in any text
			assertThat(refused.body()).doesNotContain(token);
		}
	}

	/**
	 * Sends a hostile bearer token and checks that it is refused
	 * ({@link #assertRefusedAsInvalid}); one the HTTP client will not put in a header
	 * never reaches the server and is assumed away.
	 */
	static void assertAHostileTokenIsRefused(String token, Function<String, HttpResponse<String>> getWithToken) {
		HttpResponse<String> refused;
		try {
			refused = getWithToken.apply(token);
		}
		catch (IllegalArgumentException notAHeaderValue) {
			Assume.that(false);
			return;
		}
		assertRefusedAsInvalid(refused, token);
	}

	/**
	 * Anything a client may send as a bearer token, for the property-based hostile input
	 * tests: empty, huge, garbage, JWT-shaped with garbage parts, and real tokens cut
	 * short.
	 */
	static Arbitrary<String> hostileBearerTokens() {
		Arbitrary<String> part = Arbitraries.strings().withCharRange('!', '~').ofMaxLength(200);
		Arbitrary<String> jwtShaped = Combinators.combine(part, part, part).as((a, b, c) -> a + "." + b + "." + c);
		String real = TestIdentities.newCustomer("cut-short").token();
		Arbitrary<String> cutShort = Arbitraries.integers()
			.between(0, real.length() - 1)
			.map(end -> real.substring(0, end));
		return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.of("", " ", "null", ".", "..", "x".repeat(7000))),
				Tuple.of(3, part), Tuple.of(3, jwtShaped), Tuple.of(1, cutShort));
	}

	/**
	 * Tokens this service must refuse, by what is wrong with them, made for a customer of
	 * the test's own.
	 */
	static Map<String, String> forgedTokens(TestCustomer customer, String audience) {
		try {
			String real = customer.token();
			RSAKey stranger = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
			Instant now = Instant.now();
			JWTClaimsSet valid = claims(customer, audience, now.plusSeconds(300)).build();
			Map<String, String> tokens = new LinkedHashMap<>();
			tokens.put("not a JWT", "not-a-token");
			tokens.put("three garbage parts", "a.b.c");
			tokens.put("alg none", new PlainJWT(valid).serialize());
			tokens.put("signed by another key", sign(stranger, valid));
			tokens.put("the provider's key id on another key", sign(
					new RSAKey.Builder(stranger).keyID(SignedJWT.parse(real).getHeader().getKeyID()).build(), valid));
			tokens.put("expired, signed by another key", sign(stranger,
					claims(customer, audience, now.minusSeconds(120)).issueTime(Date.from(now.minusSeconds(600)))
						.notBeforeTime(Date.from(now.minusSeconds(600)))
						.build()));
			tokens.put("a customer's real token naming another customer", renamed(real, "someone-else"));
			return tokens;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JWTClaimsSet.Builder claims(TestCustomer customer, String audience, Instant expiry) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(TestIdentities.server().issuer().toString())
			.subject(customer.id())
			.claim("email", customer.email())
			.audience(audience)
			.claim("scope", List.of("orderflow.orders"))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(expiry))
			.jwtID(UUID.randomUUID().toString());
	}

	private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	/** The provider's header and signature over claims that name another subject. */
	private static String renamed(String token, String subject) throws Exception {
		String[] parts = token.split("\\.");
		JWTClaimsSet claims = new JWTClaimsSet.Builder(SignedJWT.parse(token).getJWTClaimsSet()).subject(subject)
			.build();
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
		return parts[0] + "." + payload + "." + parts[2];
	}

	static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = JsonMapper.builder().build().readTree(response.body());
		assertThat(problem.get("status").intValue()).isEqualTo(status);
		assertThat(problem.get("title").stringValue()).isNotBlank();
		assertThat(problem.get("detail").stringValue()).isNotBlank();
	}

}
