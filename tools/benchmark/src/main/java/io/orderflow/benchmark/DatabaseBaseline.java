package io.orderflow.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.orderflow.embedded.postgres.DatabaseRole;
import io.orderflow.embedded.postgres.PostgresServer;

/**
 * Single-row commit rate of the same PostgreSQL server (fsync and synchronous_commit on,
 * as the services use it): one connection, insert one row and commit, in a loop. Each
 * commit waits for its WAL flush, so this is the rate at which one client can make writes
 * durable, the floor under every service's transaction.
 */
final class DatabaseBaseline {

	static final String DATABASE = "benchmark_baseline";

	record Result(long commits, double seconds, double commitsPerSecond, String synchronousCommit, String fsync) {
	}

	private DatabaseBaseline() {
	}

	static Result run(PostgresServer postgres, Duration duration) throws SQLException {
		// as the services do: as the owner of its database, not as the superuser
		DatabaseRole owner = postgres.createOwnedDatabase(DATABASE);
		try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(DATABASE), owner.name(),
				owner.password())) {
			String synchronousCommit = setting(connection, "synchronous_commit");
			String fsync = setting(connection, "fsync");
			try (Statement statement = connection.createStatement()) {
				statement.execute(
						"create table if not exists commit_probe (id bigserial primary key, payload text not null)");
			}
			connection.setAutoCommit(false);
			long commits = 0;
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			try (PreparedStatement insert = connection
				.prepareStatement("insert into commit_probe (payload) values (?)")) {
				while (System.nanoTime() < end) {
					insert.setString(1, "probe");
					insert.executeUpdate();
					connection.commit();
					commits++;
				}
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			return new Result(commits, seconds, commits / seconds, synchronousCommit, fsync);
		}
	}

	private static String setting(Connection connection, String name) throws SQLException {
		try (Statement statement = connection.createStatement(); var rows = statement.executeQuery("show " + name)) {
			rows.next();
			return rows.getString(1);
		}
	}

}
