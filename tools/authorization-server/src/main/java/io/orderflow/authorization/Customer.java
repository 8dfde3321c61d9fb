package io.orderflow.authorization;

import java.util.regex.Pattern;

/**
 * A customer of the identity directory: a user who logs in in the browser with {@code id}
 * and {@code password}, and a confidential client {@code customer-<id>} with the same
 * password as its secret, for the command line and the load generators. Both get tokens
 * with {@code sub} = {@code id} and the claim {@code email}.
 *
 * @param id the customer id, the subject of the customer's tokens, e.g. {@code c-42}
 * @param email where orderflow writes to the customer; a test may give an address a mail
 * server refuses
 * @param password the login password and the client secret; local demo secrets only
 */
public record Customer(String id, String email, String password) {

	/** Also safe inside a client id, a URL and a log line. */
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

	static final String CLIENT_ID_PREFIX = "customer-";

	public Customer {
		if (id == null || !ID.matcher(id).matches()) {
			throw new IllegalArgumentException(
					"A customer id is 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit, was '"
							+ id + "'");
		}
		if (email == null || !email.contains("@")) {
			throw new IllegalArgumentException("Customer " + id + " needs an email address, was '" + email + "'");
		}
		if (password == null || password.isBlank()) {
			throw new IllegalArgumentException("Customer " + id + " needs a password");
		}
	}

	/** The id of the customer's own client, e.g. {@code customer-c-42}. */
	public String clientId() {
		return CLIENT_ID_PREFIX + id;
	}

	@Override
	public String toString() {
		// never the password: settings end up in logs and assertion messages
		return "Customer[id=" + id + ", email=" + email + "]";
	}

}
