package io.orderflow.messaging.database;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Makes every transaction of a service's pool a lease: PostgreSQL ends a session that
 * sits idle inside a transaction for longer than the lease
 * ({@code idle_in_transaction_session_timeout}), and the transaction's row locks go with
 * it.
 *
 * <p>
 * Why: instances of a service share one database and one consumer group. An instance that
 * stops answering in the middle of a transaction (SIGSTOP, a long GC pause, a hung VM, a
 * network partition) keeps its locks: the inbox row it claimed, the payment row it
 * locked, the idempotency key it inserted. When the group gives its partitions to a peer,
 * the peer processes the same records and waits on those locks, for as long as the hung
 * process lives, or until TCP keepalive gives up across a partition: hours. With the
 * lease the peer waits at most that long, then finds the hung transaction rolled back and
 * goes on; when the hung instance wakes, its connection is gone and its work is retried
 * (the inbox absorbs what the peer did meanwhile). The outbox relay holds its own lease
 * for the right to publish ({@code orderflow.messaging.outbox.lease}), set in its
 * transaction, which wins over this one.
 *
 * <p>
 * Set as a startup option of each connection (pgjdbc's {@code options}), so that it costs
 * no round trip and holds from the first statement; options a service sets itself are
 * kept. A transaction that legitimately sits idle longer than the lease (a slow call to
 * another system while it is open) would be ended too: none of orderflow's does; the
 * longest is an SMTP conversation, bounded by its timeouts.
 */
class IdleTransactionLease implements BeanPostProcessor {

	static final String OPTIONS = "options";

	private final Duration lease;

	IdleTransactionLease(Duration lease) {
		if (lease.toMillis() < 1 || lease.compareTo(Duration.ofDays(24)) > 0) {
			// 0 would switch the timeout off; PostgreSQL takes at most 2^31-1 ms
			throw new IllegalArgumentException(
					DatabaseConventionsAutoConfiguration.TRANSACTION_LEASE + " must be at least 1ms and at most 24d");
		}
		this.lease = lease;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool) {
			String option = "-c idle_in_transaction_session_timeout=" + this.lease.toMillis();
			String own = pool.getDataSourceProperties().getProperty(OPTIONS);
			pool.addDataSourceProperty(OPTIONS, (own == null || own.isBlank()) ? option : own + " " + option);
		}
		return bean;
	}

}
