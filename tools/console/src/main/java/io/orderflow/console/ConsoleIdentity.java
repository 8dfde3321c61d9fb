package io.orderflow.console;

import java.net.URI;
import java.util.Objects;

import io.orderflow.probes.identity.ClientCredentials;

/**
 * Who the console is to the services: the operator (dead letters) and one demo customer
 * (the orders the page places, and reading what became of them), each a client of the
 * identity provider with an id and a secret.
 *
 * @param tokenUri the identity provider's token endpoint
 */
public record ConsoleIdentity(URI tokenUri, String operatorClientId, String operatorSecret, String customerClientId,
		String customerSecret) {

	/** The demo's token endpoint, as the local stack and compose publish it. */
	public static final URI DEMO_TOKEN_URI = URI.create("http://localhost:9000/oauth2/token");

	public static final String DEMO_OPERATOR = "ops";

	public static final String DEMO_CUSTOMER = "customer-c-42";

	/** Local demo secrets only, as the authorization server's defaults. */
	public static final String DEMO_SECRET = "demo";

	public ConsoleIdentity {
		Objects.requireNonNull(tokenUri, "tokenUri");
		Objects.requireNonNull(operatorClientId, "operatorClientId");
		Objects.requireNonNull(operatorSecret, "operatorSecret");
		Objects.requireNonNull(customerClientId, "customerClientId");
		Objects.requireNonNull(customerSecret, "customerSecret");
	}

	/** The demo's operator {@code ops} and customer {@code c-42}. */
	public static ConsoleIdentity demo(URI tokenUri) {
		return new ConsoleIdentity(tokenUri, DEMO_OPERATOR, DEMO_SECRET, DEMO_CUSTOMER, DEMO_SECRET);
	}

	/** A new client, whose token is fetched on first use. */
	public ClientCredentials operator() {
		return new ClientCredentials(tokenUri, operatorClientId, operatorSecret);
	}

	public ClientCredentials customer() {
		return new ClientCredentials(tokenUri, customerClientId, customerSecret);
	}

	@Override
	public String toString() {
		// never a secret: settings end up in logs
		return "ConsoleIdentity[tokenUri=" + tokenUri + ", operator=" + operatorClientId + ", customer="
				+ customerClientId + "]";
	}

}
