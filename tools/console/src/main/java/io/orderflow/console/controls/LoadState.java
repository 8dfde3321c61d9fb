package io.orderflow.console.controls;

import java.time.Instant;

/**
 * The steady load as the page shows it.
 *
 * @param accepted orders answered {@code 202} since the load started
 * @param failed orders refused or unanswered
 * @param skipped orders left out because too many requests were still waiting for
 * order-service
 * @param lastError why the last failed order failed
 */
public record LoadState(boolean running, double ratePerSecond, double approvedShare, Instant startedAt, long accepted,
		long failed, long skipped, String lastError) {
}
