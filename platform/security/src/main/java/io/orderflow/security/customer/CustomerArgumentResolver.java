package io.orderflow.security.customer;

import org.springframework.core.MethodParameter;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves a controller's {@link Customer} parameter from the request's bearer token. A
 * token without a subject or an email names no customer: {@code 403}, like any token that
 * does not grant what the resource needs.
 */
public final class CustomerArgumentResolver implements HandlerMethodArgumentResolver {

	static final String EMAIL_CLAIM = "email";

	@Override
	public boolean supportsParameter(MethodParameter parameter) {
		return parameter.getParameterType() == Customer.class;
	}

	@Override
	public Customer resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
			NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!(authentication instanceof JwtAuthenticationToken token)) {
			throw new AccessDeniedException("The request carries no customer's token");
		}
		String id = token.getToken().getSubject();
		String email = token.getToken().getClaimAsString(EMAIL_CLAIM);
		if (id == null || id.isBlank() || email == null || email.isBlank()) {
			throw new AccessDeniedException("The token names no customer (subject and email)");
		}
		return new Customer(id, email);
	}

}
