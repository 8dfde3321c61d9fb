package io.orderflow.authorization;

import java.net.URI;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line's way to a token, over real HTTP:
 * {@code curl -u customer-c-42:demo -d grant_type=client_credentials .../oauth2/token},
 * checked as a resource server checks it (signature against the published key set, then
 * the claims).
 */
class ClientCredentialsIT {

	private static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);

	private static AuthorizationServer server;

	private final OAuthClient client = new OAuthClient();

	@BeforeAll
	static void start() {
		server = AuthorizationServer.start(IdentitySettings.defaults()
			.withPort(0)
			.withAccessTokenTimeToLive(TIME_TO_LIVE)
			.withCustomer(new Customer("c-99", "c-99@nonexistent.test", "secret-99")));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void discoveryNamesTheIssuerAndItsEndpoints() {
		URI discovery = URI.create(server.issuer() + "/.well-known/openid-configuration");

		Map<String, Object> metadata = OAuthClient.json(client.get(discovery, "application/json"));

		assertThat(server.issuer()).isEqualTo(URI.create("http://localhost:" + server.port()));
		assertThat(metadata).containsEntry("issuer", server.issuer().toString())
			.containsEntry("token_endpoint", server.tokenUri().toString())
			.containsEntry("jwks_uri", server.jwkSetUri().toString())
			.containsEntry("authorization_endpoint", server.issuer() + "/oauth2/authorize");
	}

	@Test
	void aCustomerClientWithoutScopeGetsTheCustomersToken() throws ParseException {
		HttpResponse<String> response = client.clientCredentials(server.tokenUri(), "customer-c-42", "demo", null);

		assertThat(OAuthClient.json(response)).containsEntry("scope", "orderflow.orders");
		JWTClaimsSet claims = OAuthClient.verifiedClaims(OAuthClient.accessToken(response), keySet());
		assertThat(claims.getIssuer()).isEqualTo(server.issuer().toString());
		assertThat(claims.getSubject()).isEqualTo("c-42");
		assertThat(claims.getStringClaim("email")).isEqualTo("c-42@example.com");
		assertThat(claims.getAudience()).containsExactlyInAnyOrder("order-service", "payment-service",
				"notification-service");
		assertThat(claims.getStringListClaim("scope")).containsExactly("orderflow.orders");
		assertThat(claims.getExpirationTime()).isNotNull();
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(TIME_TO_LIVE);
	}

	@Test
	void theOperatorGetsTheOperatorsScope() throws ParseException {
		HttpResponse<String> response = client.clientCredentials(server.tokenUri(), "ops", "demo", null);

		JWTClaimsSet claims = OAuthClient.verifiedClaims(OAuthClient.accessToken(response), keySet());
		assertThat(claims.getSubject()).isEqualTo("ops");
		assertThat(claims.getStringListClaim("scope")).containsExactly("orderflow.ops");
		assertThat(claims.getClaim("email")).isNull();
		assertThat(claims.getAudience()).contains("order-service");
	}

	@Test
	void aCustomerNamingItsOwnScopeGetsIt() throws ParseException {
		HttpResponse<String> response = client.clientCredentials(server.tokenUri(), "customer-c-43", "demo",
				"orderflow.orders");

		JWTClaimsSet claims = OAuthClient.verifiedClaims(OAuthClient.accessToken(response), keySet());
		assertThat(claims.getSubject()).isEqualTo("c-43");
		assertThat(claims.getStringListClaim("scope")).containsExactly("orderflow.orders");
	}

	@Test
	void aCustomerAskingForTheOperatorsScopeIsRefused() {
		HttpResponse<String> response = client.clientCredentials(server.tokenUri(), "customer-c-42", "demo",
				"orderflow.ops");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(response)).containsEntry("error", "invalid_scope");
	}

	@Test
	void aWrongSecretIsUnauthorized() {
		HttpResponse<String> response = client.clientCredentials(server.tokenUri(), "customer-c-42", "not-demo", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(OAuthClient.json(response)).containsEntry("error", "invalid_client");
	}

	@Test
	void anUnknownClientIsUnauthorized() {
		HttpResponse<String> response = client.clientCredentials(server.tokenUri(), "customer-c-44", "demo", null);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(OAuthClient.json(response)).containsEntry("error", "invalid_client");
	}

	@Test
	void aConfiguredCustomerHasAWorkingClientWithItsEmail() throws ParseException {
		HttpResponse<String> response = client.clientCredentials(server.tokenUri(), "customer-c-99", "secret-99", null);

		JWTClaimsSet claims = OAuthClient.verifiedClaims(OAuthClient.accessToken(response), keySet());
		assertThat(claims.getSubject()).isEqualTo("c-99");
		assertThat(claims.getStringClaim("email")).isEqualTo("c-99@nonexistent.test");
		assertThat(claims.getStringListClaim("scope")).containsExactly("orderflow.orders");
	}

	@Test
	void aCustomerRegisteredWhileTheServerRunsGetsTokensAndReplacesAnEarlierOneWithItsId() throws ParseException {
		server.register(new Customer("c-100", "first@example.com", "secret-100"));
		server.register(new Customer("c-100", "c-100@example.com", "renewed-100"));

		HttpResponse<String> renewed = client.clientCredentials(server.tokenUri(), "customer-c-100", "renewed-100",
				null);
		HttpResponse<String> old = client.clientCredentials(server.tokenUri(), "customer-c-100", "secret-100", null);

		JWTClaimsSet claims = OAuthClient.verifiedClaims(OAuthClient.accessToken(renewed), keySet());
		assertThat(claims.getSubject()).isEqualTo("c-100");
		assertThat(claims.getStringClaim("email")).isEqualTo("c-100@example.com");
		assertThat(old.statusCode()).isEqualTo(401);
	}

	@Test
	void theKeySetPublishesNoPrivateParameters() {
		HttpResponse<String> response = client.get(server.jwkSetUri(), "application/json");

		JWKSet keySet = keySet();
		assertThat(keySet.getKeys()).hasSize(1);
		assertThat(keySet.getKeys().get(0).isPrivate()).isFalse();
		assertThat(response.body()).doesNotContain("\"d\"", "\"p\"", "\"q\"");
	}

	private JWKSet keySet() {
		return client.keySet(server.jwkSetUri());
	}

}
