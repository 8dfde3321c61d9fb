package io.orderflow.testsupport;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.orderflow.embedded.kafka.KafkaBroker;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.embedded.kafka.ScramLogin;
import io.orderflow.embedded.postgres.DatabaseRole;
import io.orderflow.embedded.postgres.PostgresServer;
import io.orderflow.messaging.access.BrokerProvisioning;
import io.orderflow.messaging.access.BrokerProvisioning.Viewer;
import io.orderflow.probes.kafka.KafkaConnection;
import io.orderflow.testsupport.identity.TestIdentities;
import org.apache.kafka.clients.admin.Admin;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real Kafka broker and one real PostgreSQL per test JVM, started on first use on
 * free ports and stopped when the JVM exits (also when tests fail), secured as in
 * production. The broker takes SCRAM logins only and allows what the ACLs derived from
 * the AsyncAPI document allow: its topics, one user per service and the console's
 * read-only user are made by the admin step ({@link BrokerProvisioning}) before any test
 * runs, with passwords made up for this JVM. Each test class gets the database it names,
 * and logs in to it as the role that owns it, never as the superuser.
 */
public final class SharedInfrastructure {

	private static final Duration PROVISIONING_TIMEOUT = Duration.ofSeconds(30);

	private static KafkaBroker kafka;

	private static final Map<String, ScramLogin> kafkaUsers = new LinkedHashMap<>();

	private static PostgresServer postgres;

	private SharedInfrastructure() {
	}

	public static synchronized KafkaBroker kafka() {
		if (kafka == null) {
			kafka = KafkaBroker.startSecured(0);
			Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "test-kafka-shutdown"));
			provision(kafka);
		}
		return kafka;
	}

	private static void provision(KafkaBroker broker) {
		try (Admin admin = Admin.create(broker.adminClientProperties())) {
			BrokerProvisioning provisioning = new BrokerProvisioning(admin, PROVISIONING_TIMEOUT);
			provisioning.provisionOrderflow(user -> ScramLogin.randomPassword())
				.forEach((user, password) -> kafkaUsers.put(user, new ScramLogin(user, password)));
			// the viewer's ACLs come last
			provisioning.awaitEffective(kafkaAs(Viewer.CONSOLE.user()).clientProperties(), OrderEvent.TOPIC);
		}
	}

	/**
	 * The shared broker as one of its provisioned users: a service (named like it) or the
	 * console's read-only {@code console}.
	 */
	public static synchronized KafkaConnection kafkaAs(String user) {
		KafkaBroker broker = kafka();
		ScramLogin login = kafkaUsers.get(user);
		if (login == null) {
			throw new IllegalArgumentException("No Kafka user " + user + " among " + kafkaUsers.keySet());
		}
		return new KafkaConnection(broker.bootstrapServers(), login.username(), login.password());
	}

	/**
	 * The shared broker as its administrator, for a test that plays another service
	 * (publishes its events, reads any topic) or creates a topic of its own.
	 */
	public static KafkaConnection kafkaAdmin() {
		KafkaBroker broker = kafka();
		ScramLogin admin = broker.adminLogin();
		return new KafkaConnection(broker.bootstrapServers(), admin.username(), admin.password());
	}

	public static synchronized PostgresServer postgres() {
		if (postgres == null) {
			postgres = PostgresServer.start(0, null);
			Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "test-postgres-shutdown"));
		}
		return postgres;
	}

	/**
	 * Points a Spring Boot test of {@code service} at the shared broker as the service's
	 * Kafka user ({@code orderflow.kafka.password}), at {@code database} (created if
	 * needed, with its owner role) and at the shared authorization server
	 * ({@link TestIdentities}).
	 */
	public static void register(DynamicPropertyRegistry registry, String service, String database) {
		KafkaConnection broker = kafkaAs(service);
		DatabaseRole owner = postgres().createOwnedDatabase(database);
		String url = postgres().jdbcUrl(database);
		registry.add("spring.kafka.bootstrap-servers", broker::bootstrapServers);
		registry.add("orderflow.kafka.password", broker::password);
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", owner::name);
		registry.add("spring.datasource.password", owner::password);
		TestIdentities.register(registry);
	}

}
