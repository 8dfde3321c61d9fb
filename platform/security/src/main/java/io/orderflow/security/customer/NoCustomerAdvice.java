package io.orderflow.security.customer;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A valid token that names no customer reaching a controller that needs one: {@code 403}
 * like any token without the right to the resource, before a service's own catch-all
 * handler could make a {@code 500} of it (I8).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class NoCustomerAdvice {

	@ExceptionHandler
	ResponseEntity<ProblemDetail> onNoCustomer(AccessDeniedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
				"The bearer token is valid but names no customer (subject and email).");
		problem.setTitle("Forbidden");
		return ResponseEntity.status(HttpStatus.FORBIDDEN)
			.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"")
			.body(problem);
	}

}
