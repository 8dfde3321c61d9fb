package io.orderflow.provisioning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.access.BrokerProvisioning;
import org.apache.kafka.clients.admin.Admin;

/**
 * The admin step of a broker that orderflow's services do not administer themselves
 * (docker compose): creates the topics, a Kafka user per service and the console's
 * read-only user with the ACLs the AsyncAPI document implies
 * ({@link BrokerProvisioning}), then exits 0. Running it again changes nothing but the
 * passwords. Configured by environment variables:
 * <table>
 * <caption>Environment</caption>
 * <tr>
 * <td>{@code KAFKA_BOOTSTRAP_SERVERS}</td>
 * <td>{@code localhost:9092}</td>
 * </tr>
 * <tr>
 * <td>{@code KAFKA_ADMIN_USERNAME}, {@code KAFKA_ADMIN_PASSWORD_FILE}: the broker's super
 * user</td>
 * <td>{@code admin}; required</td>
 * </tr>
 * <tr>
 * <td>{@code KAFKA_ADMIN_MECHANISM}: how the super user logs in, {@code PLAIN} (a static
 * user of the broker's configuration, as in compose) or {@code SCRAM-SHA-512}</td>
 * <td>{@code PLAIN}</td>
 * </tr>
 * <tr>
 * <td>{@code KAFKA_PASSWORDS_DIRECTORY}: where the users' passwords are, one file
 * {@code kafka-<user>-password} each</td>
 * <td>{@code /run/secrets}</td>
 * </tr>
 * <tr>
 * <td>{@code ORDERFLOW_MESSAGING_TOPICS_REPLICATION_FACTOR}: as the services would set
 * it</td>
 * <td>{@code 1}</td>
 * </tr>
 * </table>
 */
public final class BrokerProvisioningMain {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Set<String> MECHANISMS = Set.of("PLAIN", "SCRAM-SHA-512");

	private BrokerProvisioningMain() {
	}

	public static void main(String[] args) {
		try {
			Map<String, String> users = provision(System.getenv());
			System.out.println("orderflow's topics, users " + users.keySet() + " and their ACLs are in place");
		}
		catch (RuntimeException ex) {
			System.err.println("Provisioning the broker failed: " + Objects.toString(ex.getMessage(), ex.toString()));
			System.exit(ex instanceof IllegalArgumentException ? 2 : 1);
		}
	}

	/**
	 * @return the users provisioned, with their passwords
	 */
	static Map<String, String> provision(Map<String, String> env) {
		Path passwords = Path.of(env.getOrDefault("KAFKA_PASSWORDS_DIRECTORY", "/run/secrets"));
		String replicationFactor = env.getOrDefault("ORDERFLOW_MESSAGING_TOPICS_REPLICATION_FACTOR", "1");
		MessagingProperties.Topics topics = MessagingProperties
			.of(Map.of("orderflow.messaging.topics.replication-factor", replicationFactor))
			.topics();
		try (Admin admin = Admin.create(adminProperties(env))) {
			return new BrokerProvisioning(admin, TIMEOUT).provisionOrderflow(topics,
					user -> read(passwords.resolve("kafka-" + user + "-password")));
		}
	}

	static Map<String, Object> adminProperties(Map<String, String> env) {
		String mechanism = env.getOrDefault("KAFKA_ADMIN_MECHANISM", "PLAIN");
		if (!MECHANISMS.contains(mechanism)) {
			throw new IllegalArgumentException("KAFKA_ADMIN_MECHANISM is one of " + MECHANISMS + ", was " + mechanism);
		}
		String file = env.get("KAFKA_ADMIN_PASSWORD_FILE");
		if (file == null) {
			throw new IllegalArgumentException("KAFKA_ADMIN_PASSWORD_FILE names the file of the super user's password");
		}
		String module = mechanism.equals("PLAIN") ? "org.apache.kafka.common.security.plain.PlainLoginModule"
				: "org.apache.kafka.common.security.scram.ScramLoginModule";
		Map<String, Object> properties = new HashMap<>();
		properties.put("bootstrap.servers", env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"));
		properties.put("security.protocol", "SASL_PLAINTEXT");
		properties.put("sasl.mechanism", mechanism);
		properties.put("sasl.jaas.config", module + " required username=\""
				+ env.getOrDefault("KAFKA_ADMIN_USERNAME", "admin") + "\" password=\"" + read(Path.of(file)) + "\";");
		return properties;
	}

	private static String read(Path file) {
		try {
			String password = Files.readString(file, StandardCharsets.UTF_8).strip();
			if (!password.matches("[A-Za-z0-9]{12,}")) {
				throw new IllegalArgumentException(file
						+ " must hold a password of at least 12 letters and digits (deploy/docker/generate-secrets.sh)");
			}
			return password;
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read " + file + ": " + ex);
		}
	}

}
