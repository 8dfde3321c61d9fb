package io.orderflow.embedded.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server from the binaries zonky publishes on Maven Central, one
 * database per service. Its data directory survives {@link #stop()} and {@link #start()}
 * on the same port, so a test can restart it under load.
 *
 * <p>
 * Durable like production: zonky turns {@code synchronous_commit} off by default, which
 * would let a commit be acknowledged before it is on disk; it is turned back on here,
 * everywhere, tests included.
 */
public final class PostgresServer implements AutoCloseable {

	public static final String USER = "postgres";

	private final Path dataDirectory;

	private final boolean temporaryDirectory;

	private int port;

	private EmbeddedPostgres postgres;

	private PostgresServer(int port, Path dataDirectory, boolean temporaryDirectory) {
		this.port = port;
		this.dataDirectory = dataDirectory;
		this.temporaryDirectory = temporaryDirectory;
	}

	/**
	 * Creates a fresh cluster and starts it.
	 * @param port the port, or 0 for a free one (kept across restarts)
	 * @param dataDirectory where the cluster lives, emptied first, or {@code null} for a
	 * temporary one
	 */
	public static PostgresServer start(int port, Path dataDirectory) {
		try {
			boolean temporary = dataDirectory == null;
			Path directory = temporary ? Files.createTempDirectory("orderflow-postgres-") : dataDirectory;
			deleteContents(directory);
			PostgresServer server = new PostgresServer(port, directory, temporary);
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start", ex);
		}
	}

	/**
	 * Starts the server (again) on the same port and data directory: the cluster is
	 * created on the first start (an empty directory) and recovered from its WAL on the
	 * next ones, as after any restart.
	 */
	public synchronized void start() {
		if (postgres != null) {
			return;
		}
		try {
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("fsync", "on")
				.setServerConfig("full_page_writes", "on")
				.setServerConfig("max_connections", "200")
				.setServerConfig("listen_addresses", "127.0.0.1")
				.setPGStartupWait(Duration.ofSeconds(60))
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false);
			if (port != 0) {
				builder.setPort(port);
			}
			postgres = builder.start();
			port = postgres.getPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start", ex);
		}
	}

	/**
	 * Stops the server ({@code pg_ctl stop -m fast}: open transactions are rolled back
	 * and sessions closed, as in a database failover); the data stays.
	 */
	public synchronized void stop() {
		if (postgres != null) {
			try {
				postgres.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				postgres = null;
			}
		}
	}

	public synchronized boolean isRunning() {
		return postgres != null;
	}

	public int port() {
		return port;
	}

	public String jdbcUrl(String database) {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
	}

	/** Creates the database unless it exists. */
	public PostgresServer createDatabase(String name) {
		if (!name.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a plain database name: " + name);
		}
		try (Connection connection = running().getPostgresDatabase().getConnection();
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
		return running().getDatabase(USER, database).getConnection();
	}

	private synchronized EmbeddedPostgres running() throws SQLException {
		if (postgres == null) {
			throw new SQLException("PostgreSQL is stopped", "08001");
		}
		return postgres;
	}

	/** Stops the server and deletes its data. */
	@Override
	public void close() {
		stop();
		try {
			deleteContents(dataDirectory);
			if (temporaryDirectory) {
				Files.deleteIfExists(dataDirectory);
			}
		}
		catch (IOException ex) {
			// temporary files; the OS cleans up the rest
		}
	}

	private static void deleteContents(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			files.filter(path -> !path.equals(directory))
				.sorted(Comparator.reverseOrder())
				.forEach(path -> path.toFile().delete());
		}
	}

}
