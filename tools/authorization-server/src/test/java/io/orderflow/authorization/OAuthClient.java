package io.orderflow.authorization;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client of the authorization server does over real HTTP, with the JDK's client:
 * ask for tokens, read JSON, fetch the key set and check a token's signature with Nimbus,
 * as a resource server would.
 */
final class OAuthClient {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http;

	OAuthClient(HttpClient http) {
		this.http = http;
	}

	OAuthClient() {
		this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
	}

	HttpResponse<String> get(URI uri, String accept) {
		return send(HttpRequest.newBuilder(uri).header("Accept", accept).GET().build());
	}

	HttpResponse<String> postForm(URI uri, Map<String, String> form, String basicAuthorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(form(form)));
		if (basicAuthorization != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(basicAuthorization.getBytes(StandardCharsets.UTF_8)));
		}
		return send(request.build());
	}

	/**
	 * {@code curl -u clientId:secret -d grant_type=client_credentials [-d scope=...] tokenUri}
	 */
	HttpResponse<String> clientCredentials(URI tokenUri, String clientId, String secret, String scope) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		if (scope != null) {
			form.put("scope", scope);
		}
		return postForm(tokenUri, form, clientId + ":" + secret);
	}

	/** The access token of a successful token response. */
	static String accessToken(HttpResponse<String> tokenResponse) {
		assertThat(tokenResponse.statusCode()).as(tokenResponse.body()).isEqualTo(200);
		return (String) json(tokenResponse).get("access_token");
	}

	static Map<String, Object> json(HttpResponse<String> response) {
		@SuppressWarnings("unchecked")
		Map<String, Object> body = JSON.readValue(response.body(), Map.class);
		return body;
	}

	JWKSet keySet(URI jwkSetUri) {
		HttpResponse<String> response = get(jwkSetUri, "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		try {
			return JWKSet.parse(response.body());
		}
		catch (ParseException ex) {
			throw new AssertionError("Not a JWK set: " + response.body(), ex);
		}
	}

	/** The claims of a token whose signature the key set verifies; fails otherwise. */
	static JWTClaimsSet verifiedClaims(String token, JWKSet keySet) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
			JWK key = keySet.getKeyByKeyId(jwt.getHeader().getKeyID());
			assertThat(key).as("key %s in %s", jwt.getHeader().getKeyID(), keySet).isNotNull();
			assertThat(jwt.verify(new RSASSAVerifier(key.toRSAKey()))).as("signature verified").isTrue();
			return jwt.getJWTClaimsSet();
		}
		catch (ParseException | JOSEException ex) {
			throw new AssertionError("Not a verifiable JWT: " + token, ex);
		}
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new AssertionError(request + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(request + " interrupted", ex);
		}
	}

	static String form(Map<String, String> fields) {
		return fields.entrySet()
			.stream()
			.map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
