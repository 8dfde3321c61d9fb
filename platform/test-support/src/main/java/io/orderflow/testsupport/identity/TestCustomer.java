package io.orderflow.testsupport.identity;

import io.orderflow.probes.identity.ClientCredentials;

/**
 * A customer a test acts as: who the services will say placed an order, and the token
 * that proves it.
 *
 * @param id the customer id, the token's subject
 * @param email where the customer's notifications go, the token's {@code email}
 */
public record TestCustomer(String id, String email, ClientCredentials credentials) {

	/** A valid access token of this customer. */
	public String token() {
		return credentials.token();
	}

}
