package io.orderflow.embedded.kafka;

import java.security.SecureRandom;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A user name and password a client logs in to the secured broker with, over
 * SASL/SCRAM-SHA-512 on a plaintext connection.
 *
 * <p>
 * Both are alphanumeric (dashes allowed in the name): Kafka parses them out of
 * {@code [name=...,password=...]} when formatting and out of a JAAS line when logging in,
 * where a quote, comma, bracket or semicolon would break the line.
 *
 * @param username the user, also the ACL principal {@code User:<username>}
 * @param password the password
 */
public record ScramLogin(String username, String password) {

	/** The SASL mechanism of every client listener of orderflow's broker. */
	public static final String MECHANISM = "SCRAM-SHA-512";

	private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");

	private static final Pattern PASSWORD = Pattern.compile("[A-Za-z0-9]{12,}");

	private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	public ScramLogin {
		if (username == null || !USERNAME.matcher(username).matches()) {
			throw new IllegalArgumentException("A Kafka user name is letters, digits and dashes: " + username);
		}
		if (password == null || !PASSWORD.matcher(password).matches()) {
			throw new IllegalArgumentException(
					"The password of Kafka user " + username + " must be at least 12 letters and digits");
		}
	}

	/** A login with a fresh random password (24 letters and digits, ~142 bits). */
	public static ScramLogin generate(String username) {
		return new ScramLogin(username, randomPassword());
	}

	/** 24 random letters and digits (~142 bits): a valid password of any login. */
	public static String randomPassword() {
		StringBuilder password = new StringBuilder(24);
		for (int i = 0; i < 24; i++) {
			password.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
		}
		return password.toString();
	}

	/** The principal ACLs name: {@code User:<username>}. */
	public String principal() {
		return "User:" + username;
	}

	/** {@code sasl.jaas.config} of a client that logs in as this user. */
	public String jaasConfig() {
		return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
				+ "\" password=\"" + password + "\";";
	}

	/**
	 * {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config}:
	 * what a producer, consumer or admin client adds to its configuration to log in as
	 * this user.
	 */
	public Map<String, Object> clientProperties() {
		return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", MECHANISM, "sasl.jaas.config",
				jaasConfig());
	}

	/** Never the password. */
	@Override
	public String toString() {
		return "ScramLogin[" + username + "]";
	}

}
