package io.orderflow.authorization;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ClientCredentialsAuthenticationConverter;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * A client credentials request that names no scope asks for all of the client's
 * registered scopes. Spring Authorization Server grants exactly the requested scopes, so
 * {@code curl -u customer-c-42:demo -d grant_type=client_credentials} would otherwise
 * give a token that no service accepts. Each demo client has exactly the one scope it
 * needs, so nothing more is granted than a request that names it would get; a request
 * that names a scope is left as it is (and one the client lacks is still
 * {@code invalid_scope}).
 */
final class RegisteredScopesByDefault implements AuthenticationConverter {

	private final AuthenticationConverter clientCredentials = new OAuth2ClientCredentialsAuthenticationConverter();

	@Override
	public Authentication convert(HttpServletRequest request) {
		Authentication converted = this.clientCredentials.convert(request);
		if (converted instanceof OAuth2ClientCredentialsAuthenticationToken grant && grant.getScopes().isEmpty()
				&& grant.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
				&& client.getRegisteredClient() != null) {
			return new OAuth2ClientCredentialsAuthenticationToken(client, client.getRegisteredClient().getScopes(),
					grant.getAdditionalParameters());
		}
		return converted;
	}

}
