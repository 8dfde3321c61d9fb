package io.orderflow.provider.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;

import com.sun.net.httpserver.Headers;
import io.orderflow.probes.http.HttpProblem;

/**
 * The provider's secret API key, and the check every call of its API passes first:
 * {@code Authorization: Bearer <secret key>}, as Stripe's API takes it.
 */
final class ApiKey {

	static final String CHALLENGE = "Bearer realm=\"payment-provider\"";

	private static final String GENERATED_PREFIX = "sk_test_";

	private static final int GENERATED_LENGTH = 24;

	private static final String ALPHANUMERICS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String value;

	private final byte[] bytes;

	/**
	 * @throws IllegalArgumentException when the key is missing or blank: no caller could
	 * be refused
	 */
	ApiKey(String value) {
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("The API key must not be blank");
		}
		this.value = value;
		this.bytes = value.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * A fresh key shaped like a Stripe test key: {@code sk_test_} and 24 random
	 * alphanumerics.
	 */
	static ApiKey generate() {
		StringBuilder key = new StringBuilder(GENERATED_PREFIX);
		for (int i = 0; i < GENERATED_LENGTH; i++) {
			key.append(ALPHANUMERICS.charAt(RANDOM.nextInt(ALPHANUMERICS.length())));
		}
		return new ApiKey(key.toString());
	}

	String value() {
		return value;
	}

	/**
	 * @throws HttpProblem {@code 401} when the request carries no key, a malformed header
	 * or another key; the detail never repeats what was sent
	 */
	void check(Headers headers) {
		List<String> authorization = headers.getOrDefault("Authorization", List.of());
		if (authorization.isEmpty()) {
			throw unauthorized("api_key_missing",
					"No API key provided: send it as the header Authorization: Bearer <secret key>");
		}
		if (authorization.size() > 1) {
			throw unauthorized("api_key_invalid", "Send the API key in exactly one Authorization header");
		}
		String[] schemeAndKey = authorization.get(0).trim().split(" +", 2);
		if (!schemeAndKey[0].equalsIgnoreCase("Bearer")) {
			throw unauthorized("api_key_invalid",
					"The Authorization header must use the Bearer scheme: Authorization: Bearer <secret key>");
		}
		if (schemeAndKey.length < 2 || schemeAndKey[1].isBlank()) {
			throw unauthorized("api_key_missing", "The Authorization header carries no API key after 'Bearer'");
		}
		// constant time, so that the time of a refusal tells nothing about how much of a
		// guess was right
		if (!MessageDigest.isEqual(schemeAndKey[1].trim().getBytes(StandardCharsets.UTF_8), bytes)) {
			throw unauthorized("api_key_invalid", "Invalid API key provided");
		}
	}

	/**
	 * The refusal of a missing or wrong key; also what an injected {@code 401} looks
	 * like.
	 */
	static HttpProblem unauthorized(String code, String detail) {
		return new HttpProblem(401, "unauthorized", "Unauthorized", detail).withCode(code)
			.withHeader("WWW-Authenticate", CHALLENGE);
	}

	/** Never the key itself: an instance may end up in a log line. */
	@Override
	public String toString() {
		return "ApiKey[****]";
	}

}
