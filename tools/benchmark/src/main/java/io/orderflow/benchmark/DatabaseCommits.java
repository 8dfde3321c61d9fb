package io.orderflow.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.orderflow.embedded.postgres.PostgresServer;

/**
 * Committed transactions of the three services' databases, from PostgreSQL's own
 * statistics ({@code pg_stat_database.xact_commit}). The count includes read-only
 * transactions (outbox polls, health checks), which cost no WAL flush; the figure per
 * order is therefore an upper bound of the durable commits.
 */
final class DatabaseCommits {

	private final PostgresServer postgres;

	DatabaseCommits(PostgresServer postgres) {
		this.postgres = postgres;
	}

	/** The sum over the services' databases, or -1 without a database to ask. */
	long total() {
		if (postgres == null) {
			return -1;
		}
		try (Connection connection = postgres.connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("select pg_stat_clear_snapshot()");
			try (ResultSet rows = statement.executeQuery("select sum(xact_commit) from pg_stat_database "
					+ "where datname in ('order_service', 'payment_service', 'notification_service')")) {
				rows.next();
				return rows.getLong(1);
			}
		}
		catch (SQLException ex) {
			return -1;
		}
	}

}
