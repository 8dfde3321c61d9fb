package io.orderflow.security.relay;

import java.util.Optional;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * The bearer token of the request being handled, for a service that asks another one on
 * the caller's behalf: the downstream service then checks the same customer (its audience
 * is in the token), and no service holds a credential of its own that could read every
 * customer's data.
 *
 * <p>
 * Read it on the request's thread, before the call is handed to a circuit breaker that
 * may run it on another one: the security context is the thread's.
 */
public final class BearerTokenRelay {

	private BearerTokenRelay() {
	}

	/** The token the current request was authenticated with, if any. */
	public static Optional<String> currentToken() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
			return Optional.of(token.getToken().getTokenValue());
		}
		return Optional.empty();
	}

}
