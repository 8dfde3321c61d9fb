package io.orderflow.embedded.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * On a real PostgreSQL: a database owned by its own login role is that role's, and nobody
 * else's, and no login gets in without its password.
 */
class OwnedDatabaseTest {

	private static final DatabaseRole ORDERS = DatabaseRole.withRandomPassword("orders_it");

	private static final DatabaseRole PAYMENTS = DatabaseRole.withRandomPassword("payments_it");

	private static PostgresServer postgres;

	@BeforeAll
	static void start() {
		postgres = PostgresServer.start(0, null)
			.createDatabase("orders_it", ORDERS)
			.createDatabase("payments_it", PAYMENTS);
	}

	@AfterAll
	static void stop() {
		postgres.close();
	}

	@Test
	void theOwnerLogsInWithItsPasswordAndCreatesTablesInItsDatabase() throws SQLException {
		try (Connection connection = login("orders_it", ORDERS.name(), ORDERS.password());
				Statement statement = connection.createStatement()) {
			statement.execute("create table placed (id bigint primary key)");
			statement.execute("insert into placed values (1)");
			var rows = statement.executeQuery("select current_user, count(*) from placed group by current_user");
			assertThat(rows.next()).isTrue();
			assertThat(rows.getString(1)).isEqualTo("orders_it");
			assertThat(rows.getLong(2)).isEqualTo(1);
		}
	}

	@Test
	void aWrongPasswordIsRefused() {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> login("orders_it", ORDERS.name(), PAYMENTS.password()).close())
			.satisfies(refused -> assertThat(refused.getSQLState()).isEqualTo("28P01"));
	}

	@Test
	void noLoginGetsInWithoutAPasswordNotEvenTheSuperuser() {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(postgres.jdbcUrl("postgres") + "?user=postgres").close());
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> login("postgres", PostgresServer.USER, ORDERS.password()).close())
			.satisfies(refused -> assertThat(refused.getSQLState()).isEqualTo("28P01"));
	}

	@Test
	void aRoleCannotConnectToAnotherRolesDatabase() {
		// 42501: insufficient privilege (CONNECT was revoked from PUBLIC)
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> login("payments_it", ORDERS.name(), ORDERS.password()).close())
			.satisfies(refused -> assertThat(refused.getSQLState()).isEqualTo("42501"));
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> login("postgres", ORDERS.name(), ORDERS.password()).close())
			.satisfies(refused -> assertThat(refused.getSQLState()).isEqualTo("42501"));
	}

	@Test
	void aRoleHasNoPowerBeyondItsDatabase() throws SQLException {
		try (Connection connection = login("orders_it", ORDERS.name(), ORDERS.password());
				Statement statement = connection.createStatement()) {
			var role = statement
				.executeQuery("select rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls from pg_roles"
						+ " where rolname = current_user");
			assertThat(role.next()).isTrue();
			for (int column = 1; column <= 5; column++) {
				assertThat(role.getBoolean(column)).as(role.getMetaData().getColumnName(column)).isFalse();
			}
			assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.execute("create database stolen"))
				.satisfies(refused -> assertThat(refused.getSQLState()).isEqualTo("42501"));
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.execute("create role stolen login password 'x'"))
				.satisfies(refused -> assertThat(refused.getSQLState()).isEqualTo("42501"));
		}
	}

	@Test
	void thePublicSchemaIsTheOwnersAlone() throws SQLException {
		try (Connection connection = postgres.connect("orders_it");
				Statement statement = connection.createStatement()) {
			var schema = statement.executeQuery("select nspowner::regrole::text,"
					+ " has_schema_privilege('public', 'public', 'CREATE') from pg_namespace where nspname = 'public'");
			assertThat(schema.next()).isTrue();
			assertThat(schema.getString(1)).isEqualTo("orders_it");
			assertThat(schema.getBoolean(2)).as("PUBLIC may create in it").isFalse();
		}
	}

	@Test
	void passwordsStillCountAfterARestart() throws SQLException {
		postgres.stop();
		postgres.start();
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> login("orders_it", ORDERS.name(), "not-the-password").close())
			.satisfies(refused -> assertThat(refused.getSQLState()).isEqualTo("28P01"));
		try (Connection connection = login("orders_it", ORDERS.name(), ORDERS.password())) {
			assertThat(connection.isValid(5)).isTrue();
		}
	}

	@Test
	void aRoleNeverShowsItsPassword() {
		assertThat(ORDERS.toString()).contains("orders_it").doesNotContain(ORDERS.password());
	}

	private static Connection login(String database, String user, String password) throws SQLException {
		return DriverManager.getConnection(postgres.jdbcUrl(database), user, password);
	}

}
