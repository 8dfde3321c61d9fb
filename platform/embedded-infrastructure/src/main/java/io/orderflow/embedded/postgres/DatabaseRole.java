package io.orderflow.embedded.postgres;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PostgreSQL login role and its password: what one service connects with. By convention
 * it is named like the one database it owns
 * ({@link PostgresServer#createDatabase(String, DatabaseRole)}).
 *
 * @param name a plain role name (lower case letters, digits, underscores)
 * @param password its password
 */
public record DatabaseRole(String name, String password) {

	private static final SecureRandom RANDOM = new SecureRandom();

	public DatabaseRole {
		requirePlainName(name);
		if (password == null || password.isEmpty()) {
			throw new IllegalArgumentException("A database role needs a password: " + name);
		}
	}

	/** The role with a new random password (144 bits, URL-safe Base64). */
	public static DatabaseRole withRandomPassword(String name) {
		return new DatabaseRole(name, randomPassword());
	}

	/** A new random password (144 bits, URL-safe Base64: no character to escape). */
	public static String randomPassword() {
		byte[] bytes = new byte[18];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	/** Never the password: a role may end up in a log or an assertion message. */
	@Override
	public String toString() {
		return "DatabaseRole[" + name + "]";
	}

	static String requirePlainName(String name) {
		if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a plain PostgreSQL name: " + name);
		}
		return name;
	}

}
