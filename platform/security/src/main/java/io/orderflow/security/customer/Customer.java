package io.orderflow.security.customer;

/**
 * The customer a request acts for, as the identity provider vouches for them: the token's
 * subject and its {@code email} claim. Never taken from a request body or a query (I10):
 * a controller declares a {@code Customer} parameter and gets the caller.
 *
 * @param id the customer id, the token's {@code sub}
 * @param email where the customer's notifications go, the token's {@code email}
 */
public record Customer(String id, String email) {

}
