package io.orderflow.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

import io.orderflow.embedded.postgres.DatabaseRole;
import io.orderflow.embedded.postgres.PostgresServer;

/**
 * Single-row commit rate of the same PostgreSQL server (fsync and synchronous_commit on,
 * as the services use it): each connection inserts one row and commits, in a loop. Each
 * commit waits for its WAL flush, so with one connection this is the rate at which one
 * client can make writes durable, the floor under every service's transaction. With as
 * many connections as the services use, PostgreSQL flushes the WAL of commits that arrive
 * together once (group commit): that rate, not one connection's, bounds the services,
 * which commit on {@link #SERVICE_CONNECTIONS} connections.
 */
final class DatabaseBaseline {

	static final String DATABASE = "benchmark_baseline";

	/**
	 * The connections the three services may hold: a pool of 10 each
	 * ({@code spring.datasource.hikari.maximum-pool-size} in their
	 * {@code application.yml}). All of them committing in a closed loop is more than the
	 * services ever do at once, so this baseline, and the ceiling drawn from it, is an
	 * upper bound.
	 */
	static final int SERVICE_CONNECTIONS = 3 * 10;

	/**
	 * @param connections how many connections committed at the same time
	 */
	record Result(int connections, long commits, double seconds, double commitsPerSecond, String synchronousCommit,
			String fsync) {
	}

	private DatabaseBaseline() {
	}

	/** One connection, then {@link #SERVICE_CONNECTIONS} at once. */
	static List<Result> run(PostgresServer postgres, Duration duration) throws SQLException, InterruptedException {
		// as the services do: as the owner of its database, not as the superuser
		DatabaseRole owner = postgres.createOwnedDatabase(DATABASE);
		try (Connection connection = connect(postgres, owner); Statement statement = connection.createStatement()) {
			statement
				.execute("create table if not exists commit_probe (id bigserial primary key, payload text not null)");
		}
		return List.of(run(postgres, owner, 1, duration), run(postgres, owner, SERVICE_CONNECTIONS, duration));
	}

	private static Result run(PostgresServer postgres, DatabaseRole owner, int connections, Duration duration)
			throws SQLException, InterruptedException {
		List<Connection> open = new ArrayList<>();
		try {
			for (int i = 0; i < connections; i++) {
				open.add(connect(postgres, owner));
			}
			String synchronousCommit = setting(open.getFirst(), "synchronous_commit");
			String fsync = setting(open.getFirst(), "fsync");
			LongAdder commits = new LongAdder();
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			List<Thread> committers = new ArrayList<>();
			List<Exception> failures = new CopyOnWriteArrayList<>();
			for (Connection connection : open) {
				committers.add(Thread.ofPlatform().name("benchmark-commits").start(() -> {
					try {
						commitUntil(connection, end, commits);
					}
					catch (SQLException | RuntimeException ex) {
						failures.add(ex);
					}
				}));
			}
			for (Thread committer : committers) {
				committer.join();
			}
			if (!failures.isEmpty()) {
				// a committer that died would understate the rate: no figure rather than
				// a
				// wrong one
				throw new SQLException("A committer of the baseline failed", failures.getFirst());
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			return new Result(connections, commits.sum(), seconds, commits.sum() / seconds, synchronousCommit, fsync);
		}
		finally {
			closeAll(open);
		}
	}

	/** Closes every connection, even when closing one fails. */
	private static void closeAll(List<Connection> connections) throws SQLException {
		SQLException failure = null;
		for (Connection connection : connections) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				failure = (failure == null) ? ex : failure;
			}
		}
		if (failure != null) {
			throw failure;
		}
	}

	private static void commitUntil(Connection connection, long end, LongAdder commits) throws SQLException {
		connection.setAutoCommit(false);
		try (PreparedStatement insert = connection.prepareStatement("insert into commit_probe (payload) values (?)")) {
			while (System.nanoTime() < end) {
				insert.setString(1, "probe");
				insert.executeUpdate();
				connection.commit();
				commits.increment();
			}
		}
	}

	private static Connection connect(PostgresServer postgres, DatabaseRole owner) throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl(DATABASE), owner.name(), owner.password());
	}

	private static String setting(Connection connection, String name) throws SQLException {
		try (Statement statement = connection.createStatement(); var rows = statement.executeQuery("show " + name)) {
			rows.next();
			return rows.getString(1);
		}
	}

}
