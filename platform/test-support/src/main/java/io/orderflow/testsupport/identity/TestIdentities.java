package io.orderflow.testsupport.identity;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.orderflow.authorization.AuthorizationServer;
import io.orderflow.authorization.Customer;
import io.orderflow.authorization.IdentitySettings;
import io.orderflow.probes.identity.ClientCredentials;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * orderflow's real authorization server, one per test JVM, started on first use on a free
 * port and stopped when the JVM exits; and the identities tests act as: customers of
 * their own, registered while the server runs, and the operator. Tokens are asked for
 * over HTTP as every client does.
 */
public final class TestIdentities {

	private static final ConcurrentMap<String, ClientCredentials> CLIENTS = new ConcurrentHashMap<>();

	private static AuthorizationServer server;

	private TestIdentities() {
	}

	public static synchronized AuthorizationServer server() {
		if (server == null) {
			server = AuthorizationServer.start(IdentitySettings.defaults().withPort(0));
			Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-identity-shutdown"));
		}
		return server;
	}

	/** Points a Spring Boot test's resource server at the shared authorization server. */
	public static void register(DynamicPropertyRegistry registry) {
		String issuer = server().issuer().toString();
		String keys = server().jwkSetUri().toString();
		registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", () -> issuer);
		registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", () -> keys);
	}

	/**
	 * A customer of one test alone, so that what it lists is what the test placed:
	 * {@code <label>-<random>} with the email {@code <id>@example.com}.
	 */
	public static TestCustomer newCustomer(String label) {
		String id = label + "-" + UUID.randomUUID().toString().substring(0, 8);
		return customer(id, id + "@example.com");
	}

	/**
	 * The customer with this id and email, registered (or re-registered) with the
	 * authorization server.
	 */
	public static TestCustomer customer(String id, String email) {
		String secret = UUID.randomUUID().toString();
		Customer customer = new Customer(id, email, secret);
		server().register(customer);
		ClientCredentials client = new ClientCredentials(server().tokenUri(), customer.clientId(), secret);
		CLIENTS.put(customer.clientId(), client);
		return new TestCustomer(id, email, client);
	}

	/** The operator's bearer token (scope {@value IdentitySettings#OPERATOR_SCOPE}). */
	public static String operatorToken() {
		return CLIENTS
			.computeIfAbsent(IdentitySettings.OPERATOR_CLIENT_ID,
					id -> new ClientCredentials(server().tokenUri(), id, IdentitySettings.defaults().operatorSecret()))
			.token();
	}

}
