package io.orderflow.messaging.database;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import io.orderflow.messaging.Infrastructure;
import io.orderflow.messaging.MessagingIntegrationTest;
import io.orderflow.messaging.consumer.StepAsideWhileDatabaseUnreachable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Integration, on the real PostgreSQL: neither side of a service's database session waits
 * for ever on the other. A transaction whose instance stops answering holds its row locks
 * no longer than the lease ({@link IdleTransactionLease}): two connections of one pool
 * stand for two instances of a service, one claims a row and goes silent, as a paused
 * process does, the other claims the same row, as the peer that took over the partition
 * does. And a query the database does not answer fails after the socket timeout
 * ({@link SocketTimeout}), as across a network partition.
 */
class SessionBoundsIT extends MessagingIntegrationTest {

	private static final Duration SHORT_LEASE = Duration.ofSeconds(1);

	/** Generous on a loaded 2-core machine; far below the peer's statement timeout. */
	private static final Duration MARGIN = Duration.ofSeconds(5);

	/** Without a lease, the peer's claim would still wait here: the test fails. */
	private static final int PEER_GIVES_UP_SECONDS = 20;

	@Autowired
	DataSource servicePool;

	private final ApplicationContextRunner pools = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DataSourceAutoConfiguration.class, DatabaseConventionsAutoConfiguration.class))
		.withPropertyValues(properties());

	@Test
	void everySessionOfAServicesPoolCarriesTheDefaultLease() throws SQLException {
		try (Connection session = servicePool.getConnection()) {
			assertThat(setting(session, "idle_in_transaction_session_timeout")).isEqualTo("10s");
		}
	}

	@Test
	void aPeerGetsTheRowAHungTransactionClaimedOnceTheLeaseRunsOut() {
		withAShortLease((pool, key) -> {
			try (Connection hung = pool.getConnection(); Connection peer = pool.getConnection()) {
				hung.setAutoCommit(false);
				claim(hung, key);
				// the hung instance says nothing more: its transaction sits idle

				peer.setAutoCommit(false);
				long since = System.nanoTime();
				claim(peer, key);
				peer.commit();
				Duration waited = Duration.ofNanos(System.nanoTime() - since);

				assertThat(waited).as("how long the peer waited for the hung transaction's lock")
					.isLessThan(SHORT_LEASE.plus(MARGIN));
				assertThat(claimsOf(pool, key)).as("the peer's claim, the hung one rolled back").isEqualTo(1);
				assertThatThrownBy(() -> claim(hung, "after-" + key))
					.as("the hung instance, waking, finds its session ended")
					.isInstanceOf(SQLException.class);
			}
		});
	}

	@Test
	void aTransactionThatWorksLongerThanTheLeaseIsNotEnded() {
		withAShortLease((pool, key) -> {
			try (Connection busy = pool.getConnection()) {
				busy.setAutoCommit(false);
				claim(busy, key);
				try (Statement statement = busy.createStatement()) {
					// busy, not idle: a statement that runs longer than the lease
					statement.execute("select pg_sleep(" + SHORT_LEASE.multipliedBy(2).toMillis() / 1000.0 + ")");
				}
				busy.commit();
			}
			assertThat(claimsOf(pool, key)).isEqualTo(1);
		});
	}

	@Test
	void everySessionOfAServicesPoolGivesUpOnASilentDatabase() throws SQLException {
		try (Connection session = servicePool.getConnection()) {
			assertThat(session.getNetworkTimeout()).isEqualTo(20_000);
		}
	}

	@Test
	void aQueryTheDatabaseDoesNotAnswerWithinTheSocketTimeoutFails() {
		pools.withPropertyValues(DatabaseConventionsAutoConfiguration.SOCKET_TIMEOUT + "=1s").run(context -> {
			try (Connection session = context.getBean(DataSource.class).getConnection();
					Statement statement = session.createStatement()) {
				long since = System.nanoTime();
				// the server says nothing for 3 s, as one behind a cut link says nothing
				assertThatThrownBy(() -> statement.execute("select pg_sleep(3)")).isInstanceOf(SQLException.class)
					.hasMessageContaining("I/O error");
				assertThat(Duration.ofNanos(System.nanoTime() - since)).isLessThan(Duration.ofMillis(2500));
			}
		});
	}

	@Test
	void theCheckWhetherTheDatabaseAnswersDoesNotDependOnAFreePooledConnection() {
		pools
			.withPropertyValues("spring.datasource.hikari.maximum-pool-size=1",
					"spring.datasource.hikari.connection-timeout=250")
			.run(context -> {
				DataSource pool = context.getBean(DataSource.class);
				BooleanSupplier databaseAnswers = StepAsideWhileDatabaseUnreachable.freshConnection(pool);
				try (Connection busy = pool.getConnection()) {
					assertThatThrownBy(pool::getConnection).as("the pool is exhausted")
						.isInstanceOf(SQLTransientConnectionException.class);
					assertThat(databaseAnswers.getAsBoolean()).as("the database answers all the same").isTrue();
				}
			});
		pools.withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:1/nothing_listens_here")
			.run(context -> assertThat(
					StepAsideWhileDatabaseUnreachable.freshConnection(context.getBean(DataSource.class)).getAsBoolean())
				.isFalse());
	}

	@Test
	void optionsAServiceSetsItselfAreKept() {
		pools.withPropertyValues("spring.datasource.hikari.data-source-properties.options=-c statement_timeout=5min")
			.run(context -> {
				try (Connection session = context.getBean(DataSource.class).getConnection()) {
					assertThat(setting(session, "statement_timeout")).isEqualTo("5min");
					assertThat(setting(session, "idle_in_transaction_session_timeout")).isEqualTo("10s");
				}
			});
	}

	@Test
	void aLeaseThatWouldSwitchTheTimeoutOffIsRefused() {
		pools.withPropertyValues(DatabaseConventionsAutoConfiguration.TRANSACTION_LEASE + "=0s")
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("orderflow.database.transaction-lease must be at least 1ms"));
	}

	@Test
	void aSocketTimeoutThatWouldSwitchItOffIsRefused() {
		for (String timeout : new String[] { "0s", "500ms" }) {
			pools.withPropertyValues(DatabaseConventionsAutoConfiguration.SOCKET_TIMEOUT + "=" + timeout)
				.run(context -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("orderflow.database.socket-timeout must be at least 1s"));
		}
	}

	/**
	 * Runs the check on a pool with {@link #SHORT_LEASE}, given a key no other test
	 * claimed.
	 */
	private void withAShortLease(PoolCheck check) {
		pools
			.withPropertyValues(
					DatabaseConventionsAutoConfiguration.TRANSACTION_LEASE + "=" + SHORT_LEASE.toMillis() + "ms")
			.run(context -> {
				DataSource pool = context.getBean(DataSource.class);
				check.run(pool, createClaimsTableAndAKey(pool));
			});
	}

	private interface PoolCheck {

		void run(DataSource pool, String key) throws Exception;

	}

	private static String[] properties() {
		List<String> properties = new ArrayList<>();
		Infrastructure.dataSourceProperties("messaging_transaction_lease_it")
			.forEach((name, value) -> properties.add(name + "=" + value));
		return properties.toArray(String[]::new);
	}

	private static String createClaimsTableAndAKey(DataSource pool) throws SQLException {
		try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("create table if not exists claims (id text primary key)");
		}
		return "order-" + System.nanoTime();
	}

	private static void claim(Connection connection, String key) throws SQLException {
		try (var insert = connection.prepareStatement("insert into claims (id) values (?)")) {
			insert.setQueryTimeout(PEER_GIVES_UP_SECONDS);
			insert.setString(1, key);
			insert.executeUpdate();
		}
	}

	private static int claimsOf(DataSource pool, String key) throws SQLException {
		try (Connection connection = pool.getConnection();
				var select = connection.prepareStatement("select count(*) from claims where id = ?")) {
			select.setString(1, key);
			try (ResultSet rows = select.executeQuery()) {
				rows.next();
				return rows.getInt(1);
			}
		}
	}

	private static String setting(Connection session, String name) throws SQLException {
		try (Statement statement = session.createStatement(); ResultSet rows = statement.executeQuery("show " + name)) {
			rows.next();
			return rows.getString(1);
		}
	}

}
