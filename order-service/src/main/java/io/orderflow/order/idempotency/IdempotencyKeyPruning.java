package io.orderflow.order.idempotency;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes {@code Idempotency-Key}s past the retention horizon
 * ({@link IdempotencyProperties} says why it is safe), oldest first, in batches of one
 * statement each: every batch is its own short transaction, and rows another instance is
 * deleting at the same moment are skipped ({@code skip locked}), so any number of
 * instances can prune at once without waiting for each other or deleting a row twice.
 */
@Component
class IdempotencyKeyPruning {

	private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyPruning.class);

	/**
	 * The database's clock, as for {@code created_at}: no skew between the instance and
	 * the rows.
	 */
	private static final String DELETE_BATCH = """
			delete from idempotency_key
			where (customer_id, idempotency_key) in (
			    select customer_id, idempotency_key from idempotency_key
			    where created_at < now() - make_interval(secs => ?)
			    order by created_at
			    limit ?
			    for update skip locked)""";

	private final JdbcClient jdbc;

	private final IdempotencyProperties properties;

	IdempotencyKeyPruning(JdbcClient jdbc, IdempotencyProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${orderflow.order.idempotency.prune-interval:1h}")
	void pruneExpiredKeys() {
		int deleted = prune(properties.retention(), properties.pruneBatchSize());
		if (deleted > 0) {
			log.info("Deleted {} Idempotency-Key(s) older than {}", deleted, properties.retention());
		}
	}

	/**
	 * Deletes every key older than {@code retention}, {@code batchSize} at a time;
	 * answers how many.
	 */
	int prune(Duration retention, int batchSize) {
		int total = 0;
		int deleted;
		do {
			deleted = jdbc.sql(DELETE_BATCH).params(retention.toSeconds(), batchSize).update();
			total += deleted;
		}
		while (deleted == batchSize);
		return total;
	}

}
