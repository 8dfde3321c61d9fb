package io.orderflow.authorization;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The identities of {@link IdentitySettings} as Spring Security knows them: the customers
 * as users (they log in in the browser with their id and password), and the clients: one
 * per customer ({@code customer-<id>}, client credentials, scope
 * {@value IdentitySettings#CUSTOMER_SCOPE}), the operator
 * ({@value IdentitySettings#OPERATOR_CLIENT_ID}, client credentials, scope
 * {@value IdentitySettings#OPERATOR_SCOPE}) and the browser
 * ({@value IdentitySettings#WEB_CLIENT_ID}: public, authorization code with PKCE, no
 * consent screen).
 */
final class Directory {

	/**
	 * Demo secrets are given as they are: local-only and in memory. Spring Security
	 * re-encodes each with its default encoder at first use.
	 */
	private static final String PLAIN = "{noop}";

	private final Map<String, Customer> customersById = new ConcurrentHashMap<>();

	private final Map<String, Customer> customersByClientId = new ConcurrentHashMap<>();

	private final TokenSettings tokens;

	private final Clients clients = new Clients();

	private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();

	Directory(IdentitySettings settings) {
		this.tokens = TokenSettings.builder()
			.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
			.accessTokenTimeToLive(settings.accessTokenTimeToLive())
			.build();
		settings.customers().forEach(this::register);
		this.clients.save(confidential(IdentitySettings.OPERATOR_CLIENT_ID, settings.operatorSecret(),
				IdentitySettings.OPERATOR_SCOPE));
		this.clients.save(browser(settings.webRedirectUris()));
	}

	/**
	 * Adds a customer, with its client, while the server runs; a customer with the same
	 * id is replaced.
	 */
	void register(Customer customer) {
		Customer replaced = this.customersById.put(customer.id(), customer);
		if (replaced != null) {
			this.customersByClientId.remove(replaced.clientId());
			this.users.deleteUser(replaced.id());
		}
		this.customersByClientId.put(customer.clientId(), customer);
		this.users.createUser(User.withUsername(customer.id()).password(PLAIN + customer.password()).build());
		this.clients.save(confidential(customer.clientId(), customer.password(), IdentitySettings.CUSTOMER_SCOPE));
	}

	RegisteredClientRepository clients() {
		return this.clients;
	}

	UserDetailsService users() {
		return this.users;
	}

	Optional<Customer> customerWithId(String id) {
		return Optional.ofNullable(this.customersById.get(id));
	}

	Optional<Customer> customerWithClientId(String clientId) {
		return Optional.ofNullable(this.customersByClientId.get(clientId));
	}

	private RegisteredClient confidential(String clientId, String secret, String scope) {
		return RegisteredClient.withId(clientId)
			.clientId(clientId)
			.clientSecret(PLAIN + secret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scope(scope)
			.tokenSettings(this.tokens)
			.build();
	}

	private RegisteredClient browser(List<URI> redirectUris) {
		return RegisteredClient.withId(IdentitySettings.WEB_CLIENT_ID)
			.clientId(IdentitySettings.WEB_CLIENT_ID)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUris(uris -> redirectUris.forEach(uri -> uris.add(uri.toString())))
			.scope(OidcScopes.OPENID)
			.scope(IdentitySettings.CUSTOMER_SCOPE)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(this.tokens)
			.build();
	}

	/**
	 * The clients in memory. Spring's {@code InMemoryRegisteredClientRepository} refuses
	 * two clients with the same secret, which the demo has on purpose (every secret is
	 * {@code demo}). Saved to only by Spring Authorization Server itself, when it
	 * re-encodes a {@code {noop}} secret at its first use.
	 */
	private static final class Clients implements RegisteredClientRepository {

		private final Map<String, RegisteredClient> byClientId = new ConcurrentHashMap<>();

		@Override
		public void save(RegisteredClient registeredClient) {
			this.byClientId.put(registeredClient.getClientId(), registeredClient);
		}

		/** The id of every client is its client id. */
		@Override
		public RegisteredClient findById(String id) {
			return this.byClientId.get(id);
		}

		@Override
		public RegisteredClient findByClientId(String clientId) {
			return this.byClientId.get(clientId);
		}

	}

}
