package io.orderflow.localstack.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries zonky publishes on Maven Central, one database per service.
 *
 * <p>Durable like production: zonky turns {@code synchronous_commit} off by default, which would let a commit be
 * acknowledged before it is on disk; it is turned back on here, everywhere, tests included.
 */
public final class PostgresServer implements AutoCloseable {

	public static final String USER = "postgres";

	private final EmbeddedPostgres postgres;

	private PostgresServer(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * @param port the port, or 0 for a free one
	 * @param dataDirectory where the cluster lives, or {@code null} for a fresh temporary one
	 */
	public static PostgresServer start(int port, Path dataDirectory) {
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("fsync", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("max_connections", "200")
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setPGStartupWait(Duration.ofSeconds(60));
			if (port != 0) {
				builder.setPort(port);
			}
			if (dataDirectory != null) {
				builder.setDataDirectory(dataDirectory).setCleanDataDirectory(true);
			}
			return new PostgresServer(builder.start());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start", ex);
		}
	}

	public int port() {
		return postgres.getPort();
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
	}

	/** Creates the database unless it exists. */
	public PostgresServer createDatabase(String name) {
		if (!name.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a plain database name: " + name);
		}
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			var existing = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
			if (!existing.next()) {
				statement.execute("create database " + name);
			}
			return this;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name, ex);
		}
	}

	public Connection connect(String database) throws SQLException {
		return postgres.getDatabase(USER, database).getConnection();
	}

	@Override
	public void close() {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
