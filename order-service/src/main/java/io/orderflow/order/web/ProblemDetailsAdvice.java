package io.orderflow.order.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.orderflow.order.idempotency.IdempotencyKeyReusedException;
import io.orderflow.order.orders.IllegalOrderTransitionException;
import io.orderflow.order.orders.OrderNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 {@code application/problem+json} with a message that says what
 * is wrong (property I8, docs/architecture.md). Bad input is a 4xx, a database outage a
 * 503 the client may retry, and nothing ever shows a stack trace.
 */
@RestControllerAdvice
@Order(0) // before platform/web's generic answer to a database outage: this one speaks of
			// the Idempotency-Key
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

	@ExceptionHandler
	ProblemDetail onNotFound(OrderNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Order not found", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail onIllegalTransition(IllegalOrderTransitionException ex) {
		return problem(HttpStatus.CONFLICT, "Not possible in the order's current state", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail onKeyReused(IdempotencyKeyReusedException ex) {
		return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused", ex.getMessage());
	}

	/** The database is unreachable: nothing was written, the client may retry. */
	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class })
	ResponseEntity<ProblemDetail> onDatabaseUnavailable(Exception ex) {
		// the innermost cause says why, e.g. the pool's "(total=10, active=10, idle=0,
		// waiting=40)"
		log.warn("Database unavailable: {}", NestedExceptionUtils.getMostSpecificCause(ex).toString());
		return unavailable(
				"The order database is unavailable; nothing was stored. Retry with the same Idempotency-Key.");
	}

	/**
	 * The commit or the rollback itself failed, typically because the connection died
	 * under it: whether the commit reached the disk is unknown, so the answer may not say
	 * that nothing was stored. Retrying under the same Idempotency-Key is safe either
	 * way: it finds the order if it was stored.
	 */
	@ExceptionHandler
	ResponseEntity<ProblemDetail> onTransactionOutcomeUnknown(TransactionSystemException ex) {
		log.warn("Transaction outcome unknown: {}", ex.toString());
		return unavailable("The order database failed while finishing the request; whether it was stored is unknown. "
				+ "Retry with the same Idempotency-Key: the order is placed at most once.");
	}

	private static ResponseEntity<ProblemDetail> unavailable(String detail) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(problem(HttpStatus.SERVICE_UNAVAILABLE, "Temporarily unavailable", detail));
	}

	/**
	 * A {@code Content-Type} Spring cannot use, found out only while it reads the body: a
	 * wildcard such as {@code application/*} describes no body ({@code HttpHeaders}
	 * refuses it with an {@link IllegalArgumentException}), and some malformed values,
	 * such as a type that starts with a quote, make Spring's parser fail with an
	 * {@link IndexOutOfBoundsException}. Both are the client's mistake, a {@code 415},
	 * not ours. Any other such exception stays unexpected.
	 */
	@ExceptionHandler({ IllegalArgumentException.class, IndexOutOfBoundsException.class })
	ProblemDetail onUnusableContentType(RuntimeException ex, HttpServletRequest request) {
		String contentType = request.getContentType();
		if (contentType != null) {
			try {
				MediaType type = MediaType.parseMediaType(contentType);
				if (type.isWildcardType() || type.isWildcardSubtype()) {
					return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
							"Content-Type must name one media type, not a wildcard; send application/json.");
				}
			}
			catch (RuntimeException unparseable) {
				return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported Media Type",
						"Content-Type is not a valid media type; send application/json.");
			}
		}
		return onUnexpected(ex);
	}

	@ExceptionHandler
	ProblemDetail onUnexpected(Exception ex) {
		log.error("Unexpected error", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "An unexpected error occurred.");
	}

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getBindingResult()
			.getFieldErrors()
			.stream()
			.map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
			.toList();
		ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "Invalid order", "Invalid request: " + String.join("; ",
				ex.getBindingResult().getFieldErrors().stream().map(ProblemDetailsAdvice::describe).toList()));
		body.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(body);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<Map<String, String>> errors = ex.getParameterValidationResults()
			.stream()
			.flatMap(result -> result.getResolvableErrors()
				.stream()
				.map(error -> Map.of("field",
						error instanceof FieldError field ? field.getField()
								: String.valueOf(result.getMethodParameter().getParameterName()),
						"message", message(error))))
			.toList();
		ProblemDetail body = problem(HttpStatus.BAD_REQUEST, "Invalid request", "Invalid request: " + String.join("; ",
				errors.stream().map(error -> error.get("field") + " " + error.get("message")).toList()));
		body.setProperty("errors", errors);
		return ResponseEntity.badRequest().body(body);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (RequestBodyLimitFilter.isBodyTooLarge(ex)) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(RequestBodyLimitFilter.problem());
		}
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "Malformed request body",
					"The request body is not valid JSON for this endpoint: " + JsonErrors.describe(ex)));
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String expected = ex.getRequiredType() == null ? "another type" : ex.getRequiredType().getSimpleName();
		return ResponseEntity.badRequest()
			.body(problem(HttpStatus.BAD_REQUEST, "Invalid parameter",
					"'" + ex.getPropertyName() + "' must be a valid " + expected + ", got '" + ex.getValue() + "'"));
	}

	private static String describe(FieldError error) {
		return error.getField() + " " + error.getDefaultMessage();
	}

	private static String message(MessageSourceResolvable error) {
		return String.valueOf(error.getDefaultMessage());
	}

	static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		problem.setType(URI.create("about:blank"));
		return problem;
	}

}
