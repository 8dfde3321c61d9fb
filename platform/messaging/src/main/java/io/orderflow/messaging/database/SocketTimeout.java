package io.orderflow.messaging.database;

import java.time.Duration;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Bounds how long a service waits for the database to say anything: a read on a
 * connection that gets no answer for longer fails (pgjdbc's {@code socketTimeout}), and
 * the connection is dropped.
 *
 * <p>
 * Why: across a network partition nothing resets a connection; without this bound a query
 * caught by the cut waits for TCP to give up, about fifteen minutes, holding its thread:
 * a consumer that neither fails nor goes on, and keeps its partitions while its
 * heartbeats still reach the group. With it, the query fails, and
 * {@link io.orderflow.messaging.consumer.StepAsideWhileDatabaseUnreachable} lets
 * instances that reach the database take the partitions over. It is the client's side of
 * what {@link IdleTransactionLease} is on the server's: neither waits for a peer that
 * stopped answering.
 *
 * <p>
 * Above the transaction lease, so that a statement waiting for a row lock that a hung
 * transaction holds gets it when the lease frees it, rather than failing first; far above
 * any statement orderflow runs. A fork whose migrations run longer raises it.
 */
class SocketTimeout implements BeanPostProcessor {

	static final String SOCKET_TIMEOUT = "socketTimeout";

	private final Duration timeout;

	SocketTimeout(Duration timeout) {
		if (timeout.toSeconds() < 1) {
			throw new IllegalArgumentException(DatabaseConventionsAutoConfiguration.SOCKET_TIMEOUT
					+ " must be at least 1s (pgjdbc counts whole seconds, and 0 switches it off)");
		}
		this.timeout = timeout;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && pool.getDataSourceProperties().get(SOCKET_TIMEOUT) == null) {
			pool.addDataSourceProperty(SOCKET_TIMEOUT, String.valueOf(this.timeout.toSeconds()));
		}
		return bean;
	}

}
