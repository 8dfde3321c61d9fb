package io.orderflow.authorization;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything the authorization server is started with. Immutable; derive from
 * {@link #defaults()} with the withers:
 * {@code IdentitySettings.defaults().withPort(0).withCustomer(new Customer("c-99", "c-99@nonexistent.test", "demo"))}.
 *
 * <p>
 * The defaults are orderflow's demo identities, local demo secrets only: customers
 * {@code c-42} and {@code c-43} (password {@code demo}, clients {@code customer-c-42} and
 * {@code customer-c-43}), the operator client {@value #OPERATOR_CLIENT_ID} (secret
 * {@code demo}) and the browser client {@value #WEB_CLIENT_ID}.
 *
 * @param address where the server listens; port 0 takes a free one
 * @param issuer the {@code iss} of every token and the base of every endpoint, scheme,
 * host and port only (e.g. {@code http://localhost:9000}); {@code null} means
 * {@code http://localhost:<port>}
 * @param keyFile the JWK file of the signing key, created on first start; {@code null}
 * keeps a generated key in memory only (tokens die with the process)
 * @param customers the customer directory; each customer has a client
 * {@code customer-<id>}
 * @param operatorSecret the secret of the operator client {@value #OPERATOR_CLIENT_ID}
 * @param webRedirectUris where the browser client {@value #WEB_CLIENT_ID} may be sent
 * back with a code
 * @param audiences the {@code aud} of every access token: the services that accept it
 * @param accessTokenTimeToLive how long an access token is valid
 */
public record IdentitySettings(InetSocketAddress address, URI issuer, Path keyFile, List<Customer> customers,
		String operatorSecret, List<URI> webRedirectUris, List<String> audiences, Duration accessTokenTimeToLive) {

	public static final int DEFAULT_PORT = 9000;

	/** The local stack binds everything to loopback. */
	public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

	public static final String OPERATOR_CLIENT_ID = "ops";

	public static final String WEB_CLIENT_ID = "orderflow-web";

	/** The scope of a customer's tokens: placing, reading and cancelling own orders. */
	public static final String CUSTOMER_SCOPE = "orderflow.orders";

	/** The scope of the operator's tokens: dead letters and actuator endpoints. */
	public static final String OPERATOR_SCOPE = "orderflow.ops";

	private static final String DEMO_SECRET = "demo";

	public IdentitySettings {
		Objects.requireNonNull(address, "address");
		customers = List.copyOf(customers);
		if (customers.stream().map(Customer::id).distinct().count() != customers.size()) {
			throw new IllegalArgumentException("Customer ids must be unique, were " + customers);
		}
		// no path, not even "/": the endpoints are at the root, and resource servers
		// compare iss to the letter
		if (issuer != null && (!"http".equals(issuer.getScheme()) && !"https".equals(issuer.getScheme())
				|| issuer.getHost() == null || !issuer.getRawPath().isEmpty() || issuer.getRawQuery() != null
				|| issuer.getRawFragment() != null)) {
			throw new IllegalArgumentException(
					"The issuer must be an http(s) URL of scheme, host and port only, was '" + issuer + "'");
		}
		if (operatorSecret == null || operatorSecret.isBlank()) {
			throw new IllegalArgumentException("The operator client needs a secret");
		}
		webRedirectUris = List.copyOf(webRedirectUris);
		if (webRedirectUris.isEmpty()) {
			throw new IllegalArgumentException("The browser client " + WEB_CLIENT_ID + " needs a redirect URI");
		}
		audiences = List.copyOf(audiences);
		if (audiences.isEmpty() || audiences.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("Access tokens need at least one audience, were " + audiences);
		}
		if (accessTokenTimeToLive == null || accessTokenTimeToLive.isNegative() || accessTokenTimeToLive.isZero()) {
			throw new IllegalArgumentException(
					"The access token time to live must be positive, was " + accessTokenTimeToLive);
		}
	}

	/**
	 * The demo: {@code http://localhost:9000} on 127.0.0.1, a key in memory, customers
	 * {@code c-42} and {@code c-43}, tokens for the three services, valid for an hour (a
	 * load generator uses one token for a whole run).
	 */
	public static IdentitySettings defaults() {
		return new IdentitySettings(new InetSocketAddress(DEFAULT_BIND_ADDRESS, DEFAULT_PORT), null, null,
				List.of(new Customer("c-42", "c-42@example.com", DEMO_SECRET),
						new Customer("c-43", "c-43@example.com", DEMO_SECRET)),
				DEMO_SECRET, List.of(URI.create("http://localhost:8080/login/oauth2/code/orderflow")),
				List.of("order-service", "payment-service", "notification-service"), Duration.ofHours(1));
	}

	/** The configured issuer, or {@code http://localhost:<port>}. */
	URI issuerOn(int port) {
		return (issuer != null) ? issuer : URI.create("http://localhost:" + port);
	}

	public IdentitySettings withAddress(InetSocketAddress newAddress) {
		return new IdentitySettings(newAddress, issuer, keyFile, customers, operatorSecret, webRedirectUris, audiences,
				accessTokenTimeToLive);
	}

	/** The same bind address, another port; 0 takes a free one. */
	public IdentitySettings withPort(int port) {
		return withAddress(new InetSocketAddress(address.getHostString(), port));
	}

	public IdentitySettings withIssuer(URI newIssuer) {
		return new IdentitySettings(address, newIssuer, keyFile, customers, operatorSecret, webRedirectUris, audiences,
				accessTokenTimeToLive);
	}

	public IdentitySettings withKeyFile(Path newKeyFile) {
		return new IdentitySettings(address, issuer, newKeyFile, customers, operatorSecret, webRedirectUris, audiences,
				accessTokenTimeToLive);
	}

	/** Adds a customer to the directory, or replaces the one with the same id. */
	public IdentitySettings withCustomer(Customer customer) {
		List<Customer> newCustomers = new ArrayList<>(customers);
		newCustomers.removeIf(existing -> existing.id().equals(customer.id()));
		newCustomers.add(customer);
		return withCustomers(newCustomers);
	}

	/** Replaces the whole directory. */
	public IdentitySettings withCustomers(List<Customer> newCustomers) {
		return new IdentitySettings(address, issuer, keyFile, newCustomers, operatorSecret, webRedirectUris, audiences,
				accessTokenTimeToLive);
	}

	public IdentitySettings withOperatorSecret(String newOperatorSecret) {
		return new IdentitySettings(address, issuer, keyFile, customers, newOperatorSecret, webRedirectUris, audiences,
				accessTokenTimeToLive);
	}

	public IdentitySettings withWebRedirectUris(List<URI> newWebRedirectUris) {
		return new IdentitySettings(address, issuer, keyFile, customers, operatorSecret, newWebRedirectUris, audiences,
				accessTokenTimeToLive);
	}

	public IdentitySettings withAudiences(List<String> newAudiences) {
		return new IdentitySettings(address, issuer, keyFile, customers, operatorSecret, webRedirectUris, newAudiences,
				accessTokenTimeToLive);
	}

	public IdentitySettings withAccessTokenTimeToLive(Duration newAccessTokenTimeToLive) {
		return new IdentitySettings(address, issuer, keyFile, customers, operatorSecret, webRedirectUris, audiences,
				newAccessTokenTimeToLive);
	}

	@Override
	public String toString() {
		// never the operator's secret
		return "IdentitySettings[address=" + address + ", issuer=" + issuer + ", keyFile=" + keyFile + ", customers="
				+ customers + ", webRedirectUris=" + webRedirectUris + ", audiences=" + audiences
				+ ", accessTokenTimeToLive=" + accessTokenTimeToLive + "]";
	}

}
