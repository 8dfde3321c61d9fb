package io.orderflow.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

import io.orderflow.probes.kafka.KafkaConnection;

/**
 * The console on its own, as docker compose runs it, configured by environment variables:
 * <table>
 * <caption>Environment</caption>
 * <tr>
 * <td>{@code PORT}, {@code BIND_ADDRESS}</td>
 * <td>{@value ConsoleSettings#DEFAULT_PORT}, {@code 127.0.0.1}</td>
 * </tr>
 * <tr>
 * <td>{@code KAFKA_BOOTSTRAP_SERVERS}</td>
 * <td>{@code localhost:9092}</td>
 * </tr>
 * <tr>
 * <td>{@code KAFKA_USERNAME}; {@code KAFKA_PASSWORD_FILE} (a file holding the password,
 * as compose's secrets are) or {@code KAFKA_PASSWORD}: the console's read-only Kafka
 * user</td>
 * <td>{@code console}; required</td>
 * </tr>
 * <tr>
 * <td>{@code ORDER_SERVICE_URL}, {@code PAYMENT_SERVICE_URL},
 * {@code NOTIFICATION_SERVICE_URL}</td>
 * <td>{@code http://localhost:8081}, {@code :8082}, {@code :8083}</td>
 * </tr>
 * <tr>
 * <td>{@code ORDER_SERVICE_MANAGEMENT_URL}, {@code PAYMENT_SERVICE_MANAGEMENT_URL},
 * {@code NOTIFICATION_SERVICE_MANAGEMENT_URL}: health and Prometheus without a token</td>
 * <td>{@code http://localhost:9181}, {@code :9182}, {@code :9183}</td>
 * </tr>
 * <tr>
 * <td>{@code TOKEN_URL}</td>
 * <td>{@code http://localhost:9000/oauth2/token}</td>
 * </tr>
 * <tr>
 * <td>{@code OPERATOR_CLIENT_ID}, {@code OPERATOR_CLIENT_SECRET}</td>
 * <td>{@code ops}, {@code demo}</td>
 * </tr>
 * <tr>
 * <td>{@code CUSTOMER_CLIENT_ID}, {@code CUSTOMER_CLIENT_SECRET}</td>
 * <td>{@code customer-c-42}, {@code demo}</td>
 * </tr>
 * <tr>
 * <td>{@code PAYMENT_PROVIDER_URL}</td>
 * <td>{@code http://localhost:8090}</td>
 * </tr>
 * </table>
 * Services cannot be stopped from the page here: the console does not run their
 * processes.
 */
public final class ConsoleMain {

	private ConsoleMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "logback-console.xml");
		}
		Console console;
		try {
			console = Console.start(settings(System.getenv()));
		}
		catch (RuntimeException ex) {
			System.err
				.println("The orderflow console did not start: " + Objects.toString(ex.getMessage(), ex.toString()));
			System.exit(ex instanceof IllegalArgumentException ? 2 : 1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			console.close();
			stopped.countDown();
		}, "console-shutdown"));
		System.out.println("orderflow console on " + console.baseUri());
		stopped.await();
	}

	static ConsoleSettings settings(Map<String, String> env) {
		int port = port(env.getOrDefault("PORT", String.valueOf(ConsoleSettings.DEFAULT_PORT)));
		return ConsoleSettings
			.of(new InetSocketAddress(env.getOrDefault("BIND_ADDRESS", "127.0.0.1"), port),
					new KafkaConnection(env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
							env.getOrDefault("KAFKA_USERNAME", "console"), kafkaPassword(env)),
					uri(env, "ORDER_SERVICE_URL", "http://localhost:8081"),
					uri(env, "PAYMENT_SERVICE_URL", "http://localhost:8082"),
					uri(env, "NOTIFICATION_SERVICE_URL", "http://localhost:8083"),
					uri(env, "PAYMENT_PROVIDER_URL", "http://localhost:8090"))
			.withManagement(uri(env, "ORDER_SERVICE_MANAGEMENT_URL", "http://localhost:9181"),
					uri(env, "PAYMENT_SERVICE_MANAGEMENT_URL", "http://localhost:9182"),
					uri(env, "NOTIFICATION_SERVICE_MANAGEMENT_URL", "http://localhost:9183"))
			.withIdentity(new ConsoleIdentity(uri(env, "TOKEN_URL", ConsoleIdentity.DEMO_TOKEN_URI.toString()),
					env.getOrDefault("OPERATOR_CLIENT_ID", ConsoleIdentity.DEMO_OPERATOR),
					env.getOrDefault("OPERATOR_CLIENT_SECRET", ConsoleIdentity.DEMO_SECRET),
					env.getOrDefault("CUSTOMER_CLIENT_ID", ConsoleIdentity.DEMO_CUSTOMER),
					env.getOrDefault("CUSTOMER_CLIENT_SECRET", ConsoleIdentity.DEMO_SECRET)));
	}

	private static String kafkaPassword(Map<String, String> env) {
		String file = env.get("KAFKA_PASSWORD_FILE");
		if (file != null) {
			try {
				return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
			}
			catch (IOException ex) {
				throw new IllegalArgumentException("KAFKA_PASSWORD_FILE " + file + " cannot be read: " + ex);
			}
		}
		String password = env.get("KAFKA_PASSWORD");
		if (password == null || password.isBlank()) {
			throw new IllegalArgumentException(
					"The console logs in to Kafka: set KAFKA_PASSWORD_FILE (or KAFKA_PASSWORD) to its user's password");
		}
		return password;
	}

	private static int port(String value) {
		try {
			int port = Integer.parseInt(value.trim());
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("PORT must be between 0 and 65535, was " + port);
			}
			return port;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("PORT must be a number, was '" + value + "'");
		}
	}

	private static URI uri(Map<String, String> env, String name, String otherwise) {
		String value = env.getOrDefault(name, otherwise);
		try {
			URI uri = URI.create(value);
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
				throw new IllegalArgumentException(name + " must be an http(s) URL, was '" + value + "'");
			}
			return uri;
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(name + " must be an http(s) URL, was '" + value + "'");
		}
	}

}
