package io.orderflow.authorization;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person logging in as a customer in the browser: the authorization code flow with PKCE
 * of the public client {@code orderflow-web}, driven step by step over real HTTP as a
 * browser would (cookies kept, redirects followed by hand), up to the code exchange.
 */
class BrowserLoginIT {

	private static final URI REDIRECT_URI = URI.create("http://localhost:8080/login/oauth2/code/orderflow");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

	private static AuthorizationServer server;

	private final OAuthClient browser = new OAuthClient(HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build());

	private final String codeVerifier = randomUrlSafe();

	@BeforeAll
	static void start() {
		server = AuthorizationServer.start(IdentitySettings.defaults().withPort(0));
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aCustomerWhoLogsInGetsTokensForThemselves() throws ParseException {
		URI login = redirectOf(browser.get(authorizeUri("state-1"), "text/html"));
		assertThat(login.getPath()).isEqualTo("/login");

		HttpResponse<String> loggedIn = logIn(login, "c-43", "demo");
		URI backToAuthorize = redirectOf(loggedIn);
		assertThat(backToAuthorize.getPath()).isEqualTo("/oauth2/authorize");

		URI callback = redirectOf(browser.get(backToAuthorize, "text/html"));
		assertThat(callback.toString()).startsWith(REDIRECT_URI.toString());
		Map<String, String> parameters = queryOf(callback);
		assertThat(parameters).containsEntry("state", "state-1").containsKey("code");

		HttpResponse<String> tokens = exchange(parameters.get("code"), codeVerifier);
		JWKSet keySet = browser.keySet(server.jwkSetUri());
		JWTClaimsSet access = OAuthClient.verifiedClaims(OAuthClient.accessToken(tokens), keySet);
		assertThat(access.getSubject()).isEqualTo("c-43");
		assertThat(access.getStringClaim("email")).isEqualTo("c-43@example.com");
		assertThat(access.getStringListClaim("scope")).containsExactlyInAnyOrder("openid", "orderflow.orders");
		assertThat(access.getAudience()).containsExactlyInAnyOrder("order-service", "payment-service",
				"notification-service");
		JWTClaimsSet id = OAuthClient.verifiedClaims((String) OAuthClient.json(tokens).get("id_token"), keySet);
		assertThat(id.getSubject()).isEqualTo("c-43");
		assertThat(id.getAudience()).containsExactly(IdentitySettings.WEB_CLIENT_ID);
		assertThat(OAuthClient.json(tokens)).doesNotContainKey("refresh_token");
	}

	@Test
	void aWrongPasswordGetsNoCode() {
		URI login = redirectOf(browser.get(authorizeUri("state-2"), "text/html"));

		URI failed = redirectOf(logIn(login, "c-43", "not-demo"));

		assertThat(failed.getPath()).isEqualTo("/login");
		assertThat(failed.getQuery()).isEqualTo("error");
	}

	@Test
	void aCodeIsWorthNothingWithoutItsVerifier() {
		URI login = redirectOf(browser.get(authorizeUri("state-3"), "text/html"));
		URI callback = redirectOf(browser.get(redirectOf(logIn(login, "c-42", "demo")), "text/html"));

		HttpResponse<String> tokens = exchange(queryOf(callback).get("code"), randomUrlSafe());

		assertThat(tokens.statusCode()).isEqualTo(400);
		assertThat(OAuthClient.json(tokens)).containsEntry("error", "invalid_grant");
	}

	private URI authorizeUri(String state) {
		Map<String, String> query = new LinkedHashMap<>();
		query.put("response_type", "code");
		query.put("client_id", IdentitySettings.WEB_CLIENT_ID);
		query.put("scope", "openid orderflow.orders");
		query.put("state", state);
		query.put("redirect_uri", REDIRECT_URI.toString());
		query.put("code_challenge", challengeOf(codeVerifier));
		query.put("code_challenge_method", "S256");
		return URI.create(server.issuer() + "/oauth2/authorize?" + OAuthClient.form(query));
	}

	/** Reads the login form for its CSRF token, then posts it as the browser would. */
	private HttpResponse<String> logIn(URI loginPage, String username, String password) {
		HttpResponse<String> page = browser.get(loginPage, "text/html");
		assertThat(page.statusCode()).isEqualTo(200);
		Matcher csrf = CSRF.matcher(page.body());
		assertThat(csrf.find()).as("a CSRF token in %s", page.body()).isTrue();
		return browser.postForm(loginPage.resolve("/login"),
				Map.of("username", username, "password", password, "_csrf", csrf.group(1)), null);
	}

	private HttpResponse<String> exchange(String code, String verifier) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", REDIRECT_URI.toString());
		form.put("client_id", IdentitySettings.WEB_CLIENT_ID);
		form.put("code_verifier", verifier);
		return browser.postForm(server.tokenUri(), form, null);
	}

	private static URI redirectOf(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		return response.uri().resolve(response.headers().firstValue("Location").orElseThrow());
	}

	private static Map<String, String> queryOf(URI uri) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (String parameter : uri.getRawQuery().split("&")) {
			String[] nameAndValue = parameter.split("=", 2);
			parameters.put(nameAndValue[0], (nameAndValue.length == 2)
					? java.net.URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
		}
		return parameters;
	}

	private static String randomUrlSafe() {
		byte[] bytes = new byte[32];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static String challengeOf(String verifier) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
