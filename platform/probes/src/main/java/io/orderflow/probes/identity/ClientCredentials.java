package io.orderflow.probes.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of orderflow's identity provider with an id and a secret (OAuth 2.0 client
 * credentials, RFC 6749 §4.4): the way the console, the load generators and the tests get
 * the bearer token they send to the services. The token is kept and asked for again a
 * minute before it expires.
 */
public final class ClientCredentials {

	/**
	 * A token this close to its expiry is not sent any more: it could expire on the way.
	 */
	static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI tokenUri;

	private final String authorization;

	private final Clock clock;

	private String token;

	private Instant renewAt = Instant.MIN;

	/**
	 * @param tokenUri the provider's token endpoint, e.g.
	 * {@code http://localhost:9000/oauth2/token}
	 */
	public ClientCredentials(URI tokenUri, String clientId, String secret) {
		this(tokenUri, clientId, secret, Clock.systemUTC());
	}

	ClientCredentials(URI tokenUri, String clientId, String secret, Clock clock) {
		this.tokenUri = tokenUri;
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
		this.clock = clock;
	}

	/**
	 * A valid access token, asked for when there is none or it is about to expire.
	 * @throws IllegalStateException when the provider refuses or cannot be reached
	 */
	public synchronized String token() {
		if (token == null || !clock.instant().isBefore(renewAt)) {
			JsonNode answer = requestToken();
			token = answer.get("access_token").stringValue();
			renewAt = clock.instant().plusSeconds(answer.get("expires_in").longValue()).minus(RENEW_BEFORE_EXPIRY);
		}
		return token;
	}

	/** The value of an {@code Authorization} header carrying the token. */
	public String bearer() {
		return "Bearer " + token();
	}

	private JsonNode requestToken() {
		HttpRequest request = HttpRequest.newBuilder(tokenUri)
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", authorization)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
			.build();
		try {
			HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IllegalStateException(
						"The identity provider refused a token (" + response.statusCode() + "): " + response.body());
			}
			return JSON.readTree(response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException("The identity provider at " + tokenUri + " cannot be reached", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
