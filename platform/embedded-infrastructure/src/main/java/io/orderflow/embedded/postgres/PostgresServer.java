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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.orderflow.embedded.network.IsolatedHost;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;

/**
 * A real PostgreSQL server from the binaries zonky publishes on Maven Central, one
 * database per service. Its data directory survives {@link #stop()} and {@link #start()}
 * on the same port, so a test can restart it under load.
 *
 * <p>
 * Durable like production: zonky turns {@code synchronous_commit} off by default, which
 * would let a commit be acknowledged before it is on disk; it is turned back on here,
 * everywhere, tests included.
 *
 * <p>
 * Every login needs its password, as in production: zonky's {@code initdb -A trust} would
 * let anyone on the machine log in as anyone, so after the first start the superuser gets
 * a random password (known to this object only) and pg_hba.conf asks every login for
 * SCRAM. Services log in as the role that owns their database
 * ({@link #createDatabase(String, DatabaseRole)}), never as the superuser.
 */
public final class PostgresServer implements AutoCloseable {

	/**
	 * The superuser: for this class's own work and for a test that inspects a database
	 * ({@link #connect}); never a service's login.
	 */
	public static final String USER = "postgres";

	/**
	 * Replaces initdb's {@code trust} lines: a password for every login, over TCP and the
	 * Unix socket alike.
	 */
	private static final String PASSWORDS_REQUIRED = """
			# written by orderflow's PostgresServer: every login needs its password
			local all all scram-sha-256
			host all all 127.0.0.1/32 scram-sha-256
			host all all ::1/128 scram-sha-256
			""";

	private final String superuserPassword = DatabaseRole.randomPassword();

	private final Path dataDirectory;

	private final boolean temporaryDirectory;

	/**
	 * The hosts whose processes connect over their database links: PostgreSQL listens on
	 * the links' host sides too and lets their namespace sides log in.
	 */
	private final List<IsolatedHost> reachableFrom;

	private int port;

	private EmbeddedPostgres postgres;

	/** By database, the role that owns it. */
	private final Map<String, DatabaseRole> owners = new HashMap<>();

	/** Set once the cluster asks for passwords; it keeps doing so after a restart. */
	private boolean passwordsRequired;

	private PostgresServer(int port, Path dataDirectory, boolean temporaryDirectory, List<IsolatedHost> reachableFrom) {
		this.port = port;
		this.dataDirectory = dataDirectory;
		this.temporaryDirectory = temporaryDirectory;
		this.reachableFrom = reachableFrom;
	}

	/**
	 * Creates a fresh cluster and starts it.
	 * @param port the port, or 0 for a free one (kept across restarts)
	 * @param dataDirectory where the cluster lives, emptied first, or {@code null} for a
	 * temporary one
	 */
	public static PostgresServer start(int port, Path dataDirectory) {
		return start(port, dataDirectory, List.of());
	}

	/**
	 * {@link #start(int, Path)}, reachable also from each of the hosts over its
	 * {@link IsolatedHost.Link#DATABASE database link}: PostgreSQL listens on the link's
	 * host side address too ({@link #jdbcUrl(String, IsolatedHost)}), and lets in with
	 * its password (SCRAM) a login from the link's namespace side. A listen address whose
	 * link is gone at a restart is skipped with a warning in PostgreSQL's log.
	 * @param port the port, or 0 for a free one (kept across restarts)
	 * @param dataDirectory where the cluster lives, emptied first, or {@code null} for a
	 * temporary one
	 * @param reachableFrom the hosts whose processes connect to the databases
	 */
	public static PostgresServer start(int port, Path dataDirectory, List<IsolatedHost> reachableFrom) {
		try {
			boolean temporary = dataDirectory == null;
			Path directory = temporary ? Files.createTempDirectory("orderflow-postgres-") : dataDirectory;
			deleteContents(directory);
			PostgresServer server = new PostgresServer(port, directory, temporary, List.copyOf(reachableFrom));
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
				.setServerConfig("listen_addresses", listenAddresses())
				.setServerConfig("password_encryption", "scram-sha-256")
				// zonky's own connections (its readiness check, connect()) log in with it
				.setConnectConfig("password", superuserPassword)
				.setPGStartupWait(Duration.ofSeconds(60))
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false);
			if (port != 0) {
				builder.setPort(port);
			}
			postgres = builder.start();
			port = postgres.getPort();
			if (!passwordsRequired) {
				requirePasswords();
				passwordsRequired = true;
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("PostgreSQL did not start", ex);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("PostgreSQL did not start asking for passwords", ex);
		}
	}

	private String listenAddresses() {
		StringBuilder addresses = new StringBuilder("127.0.0.1");
		reachableFrom.forEach(host -> addresses.append(',').append(host.hostAddress(IsolatedHost.Link.DATABASE)));
		return addresses.toString();
	}

	/** Initdb's lines replaced: SCRAM for every login, from where it may come. */
	private String clientAuthentication() {
		StringBuilder lines = new StringBuilder(PASSWORDS_REQUIRED);
		reachableFrom.forEach(host -> lines.append("host all all ")
			.append(host.namespaceAddress(IsolatedHost.Link.DATABASE))
			.append("/32 scram-sha-256\n"));
		return lines.toString();
	}

	/**
	 * On the new cluster, still trusting everyone: the superuser gets its password
	 * (hashed by the driver, so it never reaches the server in clear), nobody else may
	 * connect to the databases initdb made, pg_hba.conf requires SCRAM, and the server
	 * reloads it. Returns once a login without a password is refused; until then, nothing
	 * but the superuser exists to log in as.
	 */
	private void requirePasswords() throws IOException, SQLException {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			connection.unwrap(PGConnection.class).alterUserPassword(USER, superuserPassword.toCharArray(), null);
			// the service roles' only database is their own: not even initdb's two that
			// anyone may connect to
			statement.execute("revoke all on database postgres, template1 from public");
			Files.writeString(dataDirectory.resolve("pg_hba.conf"), clientAuthentication());
			statement.execute("select pg_reload_conf()");
		}
		// the postmaster reloads on SIGHUP, a moment after pg_reload_conf() returns
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (loginWithoutPasswordSucceeds()) {
			if (System.nanoTime() > deadline) {
				throw new SQLException("PostgreSQL still lets logins in without a password", "28000");
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("Interrupted while PostgreSQL reloaded pg_hba.conf", ex);
			}
		}
	}

	private boolean loginWithoutPasswordSucceeds() {
		try (Connection connection = postgres.getDatabase(USER, "postgres", Map.of()).getConnection()) {
			return true;
		}
		catch (SQLException refused) {
			return false;
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

	/**
	 * The URL for a process on the host: the listen address on its database link.
	 * @throws IllegalArgumentException when the server was not started reachable from the
	 * host
	 */
	public String jdbcUrl(String database, IsolatedHost host) {
		if (!reachableFrom.contains(host)) {
			throw new IllegalArgumentException("PostgreSQL does not listen for " + host.name());
		}
		return "jdbc:postgresql://" + host.hostAddress(IsolatedHost.Link.DATABASE) + ":" + port() + "/" + database;
	}

	/**
	 * Creates the database unless it exists, owned by its own login role, and nobody
	 * else's: the role (created, or its password set again) may log in with its password
	 * and do anything inside its database, and nothing outside it. It is no superuser,
	 * cannot create databases or roles, and cannot connect to another role's database; no
	 * other role (but the superuser) can connect to this one. Its {@code public} schema
	 * is the role's own, on PostgreSQL 14 (where anyone may create in it) as on 15 and
	 * later.
	 * @param name a plain database name (lower case letters, digits, underscores)
	 * @param owner the login role that owns it, usually named like it
	 */
	public synchronized PostgresServer createDatabase(String name, DatabaseRole owner) {
		DatabaseRole.requirePlainName(name);
		String role = owner.name();
		try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
			var existingRole = statement.executeQuery("select 1 from pg_roles where rolname = '" + role + "'");
			String attributes = " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls noinherit";
			statement.execute((existingRole.next() ? "alter role " : "create role ") + role + attributes);
			connection.unwrap(PGConnection.class).alterUserPassword(role, owner.password().toCharArray(), null);
			var existingDatabase = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
			statement.execute(existingDatabase.next() ? "alter database " + name + " owner to " + role
					: "create database " + name + " owner " + role);
			// PUBLIC may connect to and make temporary tables in a new database by
			// default
			statement.execute("revoke all on database " + name + " from public");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + name + " for " + owner, ex);
		}
		try (Connection connection = connect(name); Statement statement = connection.createStatement()) {
			statement.execute("alter schema public owner to " + role);
			statement.execute("revoke create on schema public from public");
			owners.put(name, owner);
			return this;
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not give database " + name + "'s schema to " + owner, ex);
		}
	}

	/**
	 * As {@link #createDatabase(String, DatabaseRole)}, with an owner named like the
	 * database and a random password: for tests and tools that need a database of their
	 * own. Later calls return the same owner.
	 * @return the role that owns the database, with its password
	 */
	public synchronized DatabaseRole createOwnedDatabase(String name) {
		DatabaseRole owner = owners.get(name);
		if (owner == null) {
			owner = DatabaseRole.withRandomPassword(name);
			createDatabase(name, owner);
		}
		return owner;
	}

	/**
	 * A connection as the superuser, for a test or tool that inspects or prepares a
	 * database; a service connects as its database's owner.
	 */
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
