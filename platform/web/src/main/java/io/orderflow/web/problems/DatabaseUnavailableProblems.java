package io.orderflow.web.problems;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A request that fails because the service's own database is unreachable is answered
 * {@code 503} problem+json with {@code Retry-After} (property I8, docs/architecture.md),
 * not a {@code 500}: the client did nothing wrong and may retry. Last in line: a
 * service's own advice that knows better words (order-service's speaks of the
 * Idempotency-Key) comes first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class DatabaseUnavailableProblems {

	private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableProblems.class);

	@ExceptionHandler({ CannotCreateTransactionException.class, DataAccessResourceFailureException.class,
			TransientDataAccessException.class, TransactionSystemException.class })
	ResponseEntity<ProblemDetail> onDatabaseUnavailable(Exception ex) {
		// the innermost cause says why, e.g. the pool's "(total=10, active=10, idle=0,
		// waiting=40)"
		log.warn("Database unavailable: {}", NestedExceptionUtils.getMostSpecificCause(ex).toString());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The service's database is unavailable; retry in a moment.");
		problem.setTitle("Temporarily unavailable");
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1").body(problem);
	}

}
