package io.orderflow.security;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A service secured by the platform, against orderflow's real authorization server: who
 * may do what, and how every refusal reads (I8, I10).
 */
class ResourceServerIT {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	static Path folder;

	static IdentityProvider provider;

	static ServiceUnderTest service;

	static String customer;

	static String operator;

	@BeforeAll
	static void start() {
		provider = new IdentityProvider(folder);
		service = ServiceUnderTest.start(provider, folder.resolve("jwks-copy.json"));
		customer = provider.tokenOf("customer-c-42", "demo");
		operator = provider.tokenOf("ops", "demo");
	}

	@AfterAll
	static void stop() {
		if (service != null) {
			service.close();
		}
		if (provider != null) {
			provider.close();
		}
	}

	@Test
	void aCustomersTokenNamesTheCustomerTheServiceActsFor() {
		HttpResponse<String> me = service.get("/api/me", customer);

		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(json(me).get("id").stringValue()).isEqualTo("c-42");
		assertThat(json(me).get("email").stringValue()).isEqualTo("c-42@example.com");
	}

	/**
	 * The trace of a request keeps how long its token check took, without an observation
	 * per security filter (ResourceServerAutoConfiguration#securityObservationSettings).
	 */
	@Test
	void aRequestIsObservedWithItsAuthenticationButNotFilterByFilter() {
		Set<String> observed = service.bean(SecuredApplication.ObservedNames.class).names;

		assertThat(service.get("/api/me", customer).statusCode()).isEqualTo(200);

		assertThat(observed).contains("http.server.requests", "spring.security.authentications")
			.noneMatch(name -> name.startsWith("spring.security.filterchains")
					|| name.startsWith("spring.security.authorizations") || name.startsWith("spring.security.http"));
	}

	@Test
	void withoutATokenTheAnswerIsA401ProblemWithABearerChallenge() {
		HttpResponse<String> refused = service.get("/api/me", null);

		assertProblem(refused, 401);
		assertThat(refused.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(challenge -> assertThat(challenge).startsWith("Bearer"));
	}

	static Stream<Arguments> tokensTheServiceRefuses() throws Exception {
		RSAKey stranger = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
		JWTClaimsSet valid = provider.customerClaims().build();
		Date past = new Date(System.currentTimeMillis() - 120_000);
		return Stream.of(Arguments.of("not a JWT", "not-a-token"), Arguments.of("three garbage parts", "a.b.c"),
				Arguments.of("expired",
						provider.signedByProvider(provider.customerClaims()
							.issueTime(new Date(past.getTime() - 60_000))
							.notBeforeTime(new Date(past.getTime() - 60_000))
							.expirationTime(past)
							.build())),
				Arguments.of("without expiry",
						provider.signedByProvider(provider.customerClaims().expirationTime(null).build())),
				Arguments.of("another issuer",
						provider.signedByProvider(provider.customerClaims().issuer("http://evil.example").build())),
				Arguments.of("for another service",
						provider.signedByProvider(provider.customerClaims().audience("billing-service").build())),
				Arguments.of("without audience",
						provider.signedByProvider(provider.customerClaims().audience((String) null).build())),
				Arguments.of("alg none", new PlainJWT(valid).serialize()),
				Arguments.of("signed by another key", IdentityProvider.sign(stranger, valid)),
				Arguments.of("the provider's key id on another key",
						IdentityProvider.sign(new RSAKey.Builder(stranger).keyID(keyIdOf(customer)).build(), valid)),
				Arguments.of("payload swapped under a valid signature", swapPayload(customer, valid)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("tokensTheServiceRefuses")
	void aTokenTheProviderDidNotIssueForThisServiceIsA401Problem(String kind, String token) {
		HttpResponse<String> refused = service.get("/api/me", token);

		assertProblem(refused, 401);
		assertThat(refused.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(challenge -> assertThat(challenge).contains("invalid_token"));
		assertThat(refused.body()).doesNotContain(token);
	}

	@Test
	void tokensOfKeysTheProviderDoesNotHaveAre401sAlsoWhenTheyComeInARow() throws Exception {
		JWTClaimsSet claims = provider.customerClaims().build();
		for (int i = 0; i < 3; i++) {
			RSAKey stranger = new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();

			HttpResponse<String> refused = service.get("/api/me", IdentityProvider.sign(stranger, claims));

			assertProblem(refused, 401);
		}
		assertThat(service.get("/api/me", customer).statusCode()).isEqualTo(200);
	}

	@Test
	void aValidTokenThatNamesNoCustomerIsA403ProblemNotA500() {
		String withoutEmail = provider.signedByProvider(provider.customerClaims().claim("email", null).build());

		HttpResponse<String> refused = service.get("/api/me", withoutEmail);

		assertProblem(refused, 403);
	}

	@Test
	void aCustomerIsForbiddenTheOperatorsResources() {
		HttpResponse<String> admin = service.post("/admin/ping", customer);
		HttpResponse<String> info = service.get("/actuator/info", customer);

		assertProblem(admin, 403);
		assertThat(admin.headers().firstValue("WWW-Authenticate"))
			.hasValueSatisfying(challenge -> assertThat(challenge).contains("insufficient_scope"));
		assertProblem(info, 403);
	}

	@Test
	void theOperatorActsOnTheOperatorsResourcesButNotAsACustomer() {
		assertThat(service.post("/admin/ping", operator).statusCode()).isEqualTo(200);
		assertThat(service.get("/actuator/info", operator).statusCode()).isEqualTo(200);
		assertThat(service.get("/actuator/prometheus", operator).statusCode()).isEqualTo(200);
		assertProblem(service.get("/api/me", operator), 403);
	}

	@Test
	void healthAndTheApiDocumentNeedNoToken() {
		assertThat(service.get("/actuator/health", null).statusCode()).isEqualTo(200);
		assertProblem(service.get("/actuator/info", null), 401);
		assertProblem(service.get("/actuator/prometheus", null), 401);
	}

	@Test
	void aPathTheFirewallRefusesIsA400Problem() {
		HttpResponse<String> refused = service.get("/api/me/../me;x=1", customer);

		assertProblem(refused, 400);
	}

	@Test
	void aCrossSitePostWithoutTheTokenIsRefused() {
		HttpResponse<String> forged = ServiceUnderTest.send(service.request(service.port(), "/admin/ping", null)
			.header("Origin", "http://evil.example")
			.header("Cookie", "JSESSIONID=stolen")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("a=b"))
			.build());

		assertProblem(forged, 401);
	}

	@Test
	void aServiceOnAManagementPortOfItsOwnLetsPrometheusScrapeWithoutAToken() {
		try (ServiceUnderTest withManagementPort = ServiceUnderTest.start(provider, null, "management.server.port=0",
				"management.server.address=127.0.0.1")) {
			assertThat(withManagementPort.getOnManagementPort("/actuator/prometheus", null).statusCode())
				.isEqualTo(200);
			assertProblem(withManagementPort.getOnManagementPort("/actuator/info", null), 401);
			assertThat(withManagementPort.getOnManagementPort("/actuator/info", operator).statusCode()).isEqualTo(200);
		}
	}

	private static void assertProblem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = json(response);
		assertThat(problem.get("status").intValue()).isEqualTo(status);
		assertThat(problem.get("title").stringValue()).isNotBlank();
		assertThat(problem.get("detail").stringValue()).isNotBlank();
	}

	private static JsonNode json(HttpResponse<String> response) {
		return JSON.readTree(response.body());
	}

	private static String keyIdOf(String token) {
		String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))));
		return JSON.readTree(header).get("kid").stringValue();
	}

	/** A valid token's header and signature around a payload of the attacker's choice. */
	private static String swapPayload(String token, JWTClaimsSet claims) {
		String[] parts = token.split("\\.");
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(JSON.writeValueAsBytes(Map.of("sub", "c-43", "email", "c-43@example.com", "aud",
					List.of("order-service"), "iss", claims.getIssuer(), "exp", Long.MAX_VALUE / 1000)));
		return parts[0] + "." + payload + "." + parts[2];
	}

}
