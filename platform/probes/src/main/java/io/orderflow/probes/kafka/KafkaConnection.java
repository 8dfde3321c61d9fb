package io.orderflow.probes.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a client finds orderflow's broker and whom it logs in as: SASL/SCRAM-SHA-512 on a
 * plaintext connection, with the user's own password (ADR 0022). Every tool that reads or
 * writes the broker (console, benchmark, tests playing another service) takes one, so
 * none of them can reach it anonymously.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}
 * @param username the Kafka user, also the principal {@code User:<username>} its ACLs
 * name
 * @param password its password
 */
public record KafkaConnection(String bootstrapServers, String username, String password) {

	/** The SASL mechanism of every client listener of orderflow's broker. */
	public static final String MECHANISM = "SCRAM-SHA-512";

	public KafkaConnection {
		Objects.requireNonNull(bootstrapServers, "bootstrapServers");
		Objects.requireNonNull(username, "username");
		Objects.requireNonNull(password, "password");
	}

	/**
	 * {@code bootstrap.servers} and the login ({@code security.protocol},
	 * {@code sasl.mechanism}, {@code sasl.jaas.config}), in a map the caller may add its
	 * client's own settings to.
	 */
	public Map<String, Object> clientProperties() {
		Map<String, Object> properties = new HashMap<>();
		properties.put("bootstrap.servers", bootstrapServers);
		properties.put("security.protocol", "SASL_PLAINTEXT");
		properties.put("sasl.mechanism", MECHANISM);
		properties.put("sasl.jaas.config",
				"org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + username
						+ "\" password=\"" + password + "\";");
		return properties;
	}

	/** The same broker as another user. */
	public KafkaConnection as(String otherUsername, String otherPassword) {
		return new KafkaConnection(bootstrapServers, otherUsername, otherPassword);
	}

	/** Never the password. */
	@Override
	public String toString() {
		return "KafkaConnection[" + username + "@" + bootstrapServers + "]";
	}

}
