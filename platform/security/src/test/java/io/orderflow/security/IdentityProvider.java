package io.orderflow.security;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.orderflow.authorization.AuthorizationServer;
import io.orderflow.authorization.IdentitySettings;
import tools.jackson.databind.json.JsonMapper;

/**
 * orderflow's real authorization server, started for a test, and what a test needs from
 * it: tokens as its clients get them, and tokens it never issued (signed with its own
 * key, to make every claim but the signature wrong on purpose).
 */
final class IdentityProvider implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Path keyFile;

	private AuthorizationServer server;

	IdentityProvider(Path folder) {
		this.keyFile = folder.resolve("signing-key.json");
		start();
	}

	void start() {
		int port = (server == null) ? 0 : server.port();
		server = AuthorizationServer.start(IdentitySettings.defaults().withPort(port).withKeyFile(keyFile));
	}

	void stop() {
		server.stop();
	}

	URI issuer() {
		return server.issuer();
	}

	URI jwkSetUri() {
		return server.jwkSetUri();
	}

	/** A token as the client gets it with its id and secret (client credentials). */
	String tokenOf(String clientId, String secret) {
		String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		try {
			HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.tokenUri())
				.header("Authorization", "Basic " + basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
				.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"Token request answered " + response.statusCode() + ": " + response.body());
			}
			return JSON.readTree(response.body()).get("access_token").stringValue();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Claims as the provider would issue them for customer c-42 and order-service. */
	JWTClaimsSet.Builder customerClaims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer().toString())
			.subject("c-42")
			.claim("email", "c-42@example.com")
			.audience(List.of("order-service"))
			.claim("scope", List.of("orderflow.orders"))
			.issueTime(Date.from(now))
			.notBeforeTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.jwtID(UUID.randomUUID().toString());
	}

	/** Signed with the provider's own key: valid but for what the claims say. */
	String signedByProvider(JWTClaimsSet claims) {
		try {
			return sign(RSAKey.parse(Files.readString(keyFile)), claims);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	static String sign(RSAKey key, JWTClaimsSet claims) throws JOSEException {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	@Override
	public void close() {
		server.stop();
	}

}
