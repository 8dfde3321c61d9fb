package io.orderflow.authorization;

import java.util.List;
import java.util.Optional;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What the services read from a token, beyond Spring Authorization Server's defaults:
 * <ul>
 * <li>{@code sub} is the customer id for a customer, whether the customer logged in
 * (authorization code; already the user name) or used the own client
 * ({@code customer-c-42} gives {@code c-42}, where the default would be the client id);
 * the operator's stays {@code ops};</li>
 * <li>{@code email} of the customer, where notification-service writes to;</li>
 * <li>{@code aud} of an access token is the list of services that accept it (each service
 * checks it is among them), instead of the client id.</li>
 * </ul>
 * ID tokens keep their audience (the client), as OpenID Connect requires.
 */
final class OrderflowClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String EMAIL = "email";

	private static final OAuth2TokenType ID_TOKEN = new OAuth2TokenType(OidcParameterNames.ID_TOKEN);

	private final Directory directory;

	private final List<String> audiences;

	OrderflowClaims(Directory directory, List<String> audiences) {
		this.directory = directory;
		this.audiences = audiences;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
		if (!accessToken && !ID_TOKEN.equals(context.getTokenType())) {
			return;
		}
		customer(context)
			.ifPresent(customer -> context.getClaims().subject(customer.id()).claim(EMAIL, customer.email()));
		if (accessToken) {
			context.getClaims().audience(this.audiences);
		}
	}

	private Optional<Customer> customer(JwtEncodingContext context) {
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			return this.directory.customerWithClientId(context.getRegisteredClient().getClientId());
		}
		// a person who logged in: the principal is the user, named by the customer id
		return this.directory.customerWithId(context.getPrincipal().getName());
	}

}
