package io.orderflow.benchmark;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

	/** The services' databases, in the order of the report. */
	static final List<String> DATABASES = List.of("order_service", "payment_service", "notification_service");

	/** The sum of counts by database. */
	static long sum(Map<String, Long> byDatabase) {
		return byDatabase.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Committed transactions so far in each of the services' databases; empty without a
	 * database to ask.
	 */
	Map<String, Long> byDatabase() {
		if (postgres == null) {
			return Map.of();
		}
		try (Connection connection = postgres.connect("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("select pg_stat_clear_snapshot()");
			Map<String, Long> counts = new LinkedHashMap<>();
			DATABASES.forEach(database -> counts.put(database, 0L));
			try (ResultSet rows = statement.executeQuery("select datname, xact_commit from pg_stat_database "
					+ "where datname in ('order_service', 'payment_service', 'notification_service')")) {
				while (rows.next()) {
					counts.put(rows.getString(1), rows.getLong(2));
				}
			}
			return counts;
		}
		catch (SQLException ex) {
			return Map.of();
		}
	}

}
