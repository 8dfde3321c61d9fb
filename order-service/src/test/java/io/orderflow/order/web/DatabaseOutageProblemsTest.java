package io.orderflow.order.web;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit test of the advice's database answers (fault 9 proves them on a real restart): an
 * outage and a commit or rollback that failed under a dying connection are both a 503 to
 * retry under the same key, never a 500.
 */
class DatabaseOutageProblemsTest {

	private final ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

	@Test
	void anUnreachableDatabaseIsA503SayingNothingWasStored() {
		ResponseEntity<ProblemDetail> answer = advice.onDatabaseUnavailable(new CannotCreateTransactionException(
				"Could not open JDBC Connection", new SQLException("Connection refused", "08001")));

		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(answer.getBody().getDetail()).contains("nothing was stored", "same Idempotency-Key");
	}

	@Test
	void aFailedCommitOrRollbackIsA503ThatDoesNotClaimNothingWasStored() {
		ResponseEntity<ProblemDetail> answer = advice.onTransactionOutcomeUnknown(new TransactionSystemException(
				"JDBC rollback failed", new SQLException("Connection is closed", "08003")));

		assertThat(answer.getStatusCode().value()).isEqualTo(503);
		assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
		assertThat(answer.getBody().getDetail()).doesNotContain("nothing was stored")
			.contains("whether it was stored is unknown", "placed at most once");
	}

}
