package io.orderflow.security.problems;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.authentication.AuthenticationServiceException;

/**
 * {@code 401} and {@code 403} as RFC 9457 problem documents, like every other error of
 * orderflow (I8), keeping the {@code WWW-Authenticate} header RFC 6750 asks for: Spring's
 * bearer-token handlers set the status and the header, then the document is written.
 *
 * <p>
 * When the keys to check a token with cannot be had (the identity provider is down and
 * the service has never fetched them), the answer is {@code 503} with
 * {@code Retry-After}: the token may well be valid, the service cannot tell yet. And a
 * request Spring Security's firewall refuses (a path with {@code ..}, {@code ;} or an
 * encoded {@code /}, not normalized) is a {@code 400} problem, not the servlet
 * container's error page.
 */
public final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

	/** Seconds a client should wait before trying again when keys are unavailable. */
	static final String KEYS_UNAVAILABLE_RETRY_AFTER = "5";

	private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();

	private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

	private final JsonMapper json;

	public SecurityProblems(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
			throws IOException {
		if (refused instanceof AuthenticationServiceException) {
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
			response.setHeader(HttpHeaders.RETRY_AFTER, KEYS_UNAVAILABLE_RETRY_AFTER);
			write(request, response, "Identity provider unavailable",
					"The service cannot check bearer tokens now: the identity provider's keys are unavailable. "
							+ "Retry later.");
			return;
		}
		bearerEntryPoint.commence(request, response, refused);
		boolean tokenSent = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
		write(request, response, "Unauthorized",
				// a fixed text: the reason may quote the hostile token (WWW-Authenticate
				// says
				// which check failed)
				tokenSent
						? "The bearer token was refused: it is malformed, expired, not signed by orderflow's "
								+ "identity provider, or not meant for this service."
						: "This resource needs a bearer token (Authorization: Bearer <token>) "
								+ "from orderflow's identity provider.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
			throws IOException {
		bearerDenied.handle(request, response, denied);
		write(request, response, "Forbidden",
				"The bearer token is valid but does not grant the scope this resource needs.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
			throws IOException {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		// no instance: the path is the hostile part
		write(response, "Bad Request", "The request path is not in normal form (it holds '..', ';', '//' or an "
				+ "encoded separator) and was refused before it reached the application.", null);
	}

	private void write(HttpServletRequest request, HttpServletResponse response, String title, String detail)
			throws IOException {
		write(response, title, detail, request.getRequestURI());
	}

	private void write(HttpServletResponse response, String title, String detail, String instance) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("type", "about:blank");
		problem.put("title", title);
		problem.put("status", response.getStatus());
		problem.put("detail", detail);
		if (instance != null) {
			problem.put("instance", instance);
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		json.writeValue(response.getOutputStream(), problem);
	}

}
