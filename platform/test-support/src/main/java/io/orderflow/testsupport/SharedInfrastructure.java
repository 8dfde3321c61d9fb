package io.orderflow.testsupport;

import io.orderflow.embedded.kafka.KafkaBroker;
import io.orderflow.embedded.postgres.DatabaseRole;
import io.orderflow.embedded.postgres.PostgresServer;

import io.orderflow.testsupport.identity.TestIdentities;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real Kafka broker and one real PostgreSQL per test JVM, started on first use on
 * free ports and stopped when the JVM exits (also when tests fail). Each test class gets
 * the database it names, and logs in to it as the service does in production: as the role
 * that owns it (named like it, with a password made up for this JVM), never as the
 * superuser.
 */
public final class SharedInfrastructure {

	private static KafkaBroker kafka;

	private static PostgresServer postgres;

	private SharedInfrastructure() {
	}

	public static synchronized KafkaBroker kafka() {
		if (kafka == null) {
			kafka = KafkaBroker.start(0);
			Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "test-kafka-shutdown"));
		}
		return kafka;
	}

	public static synchronized PostgresServer postgres() {
		if (postgres == null) {
			postgres = PostgresServer.start(0, null);
			Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "test-postgres-shutdown"));
		}
		return postgres;
	}

	/**
	 * Points a Spring Boot test at the shared broker, at {@code database} (created if
	 * needed, with its owner role) and at the shared authorization server
	 * ({@link TestIdentities}).
	 */
	public static void register(DynamicPropertyRegistry registry, String database) {
		String bootstrapServers = kafka().bootstrapServers();
		DatabaseRole owner = postgres().createOwnedDatabase(database);
		String url = postgres().jdbcUrl(database);
		registry.add("spring.kafka.bootstrap-servers", () -> bootstrapServers);
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", owner::name);
		registry.add("spring.datasource.password", owner::password);
		TestIdentities.register(registry);
	}

}
