package io.orderflow.embedded.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.orderflow.embedded.kafka.BrokerCredentials;
import io.orderflow.embedded.kafka.KafkaBroker;
import io.orderflow.embedded.network.IsolatedHost.Link;
import io.orderflow.embedded.postgres.DatabaseRole;
import io.orderflow.embedded.postgres.PostgresServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A process on an {@link IsolatedHost} (a JVM in its own network namespace) reaches the
 * real broker and PostgreSQL through its links, with their passwords; cut off from one,
 * it still reaches the other, and once healed it reaches both again, on the producer,
 * consumer and connection it kept open.
 *
 * <p>
 * Needs root and iproute2: skipped where network namespaces cannot be created, unless
 * {@code -Dorderflow.netns.required=true} (as CI sets) makes that a failure.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NetworkPartitionIT {

	private static final String TOPIC = "partition.probe";

	private static final String DATABASE = "partition_probe";

	private static final Duration ANSWER = Duration.ofSeconds(30);

	private static final Duration RECONNECTED = Duration.ofSeconds(60);

	private static IsolatedHost host;

	private static KafkaBroker broker;

	private static PostgresServer postgres;

	private static Process client;

	private static Writer commands;

	private static final BlockingQueue<String> answers = new LinkedBlockingQueue<>();

	@BeforeAll
	static void startAClientOnAHostOfItsOwn() throws Exception {
		NetworkNamespaces.requireOrSkip(NetworkPartitionIT.class);
		host = IsolatedHost.create();
		broker = KafkaBroker.startSecured(0, BrokerCredentials.generate(), List.of(host));
		postgres = PostgresServer.start(0, null, List.of(host));
		DatabaseRole owner = postgres.createOwnedDatabase(DATABASE);
		try (Admin admin = Admin.create(broker.adminClientProperties())) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		client = startClient(owner);
		assertThat(answers.poll(60, TimeUnit.SECONDS)).as("the client inside started").isEqualTo("READY");
	}

	private static Process startClient(DatabaseRole owner) throws IOException {
		List<String> java = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
				"-cp", System.getProperty("java.class.path"), PartitionedClient.class.getName()));
		Path log = Files.createDirectories(Path.of("target")).resolve("partitioned-client.log");
		ProcessBuilder builder = new ProcessBuilder(host.command(java))
			.redirectError(ProcessBuilder.Redirect.to(log.toFile()));
		Map<String, String> environment = builder.environment();
		environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers(host));
		environment.put("KAFKA_JAAS_CONFIG", broker.adminLogin().jaasConfig());
		environment.put("KAFKA_TOPIC", TOPIC);
		// short timeouts: a query on a partitioned connection would otherwise wait for
		// TCP to give up (about 15 minutes)
		environment.put("JDBC_URL",
				postgres.jdbcUrl(DATABASE, host) + "?connectTimeout=3&socketTimeout=3&loginTimeout=5");
		environment.put("JDBC_USER", owner.name());
		environment.put("JDBC_PASSWORD", owner.password());
		Process process = builder.start();
		commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
		Thread.ofPlatform().daemon().name("partitioned-client-answers").start(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				lines.lines().forEach(answers::add);
			}
			catch (IOException ended) {
				// the client is gone
			}
		});
		return process;
	}

	@AfterAll
	static void cleanUp() {
		try {
			if (client != null) {
				client.destroyForcibly();
				client.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(ignored -> null).join();
			}
		}
		finally {
			try {
				if (host != null) {
					host.close();
				}
			}
			finally {
				try {
					if (broker != null) {
						broker.close();
					}
				}
				finally {
					if (postgres != null) {
						postgres.close();
					}
				}
			}
		}
	}

	@Test
	void theBrokerAdvertisesToTheHostTheAddressOfItsLink() throws Exception {
		Map<String, Object> config = new HashMap<>(broker.adminClientProperties());
		config.put("bootstrap.servers", broker.bootstrapServers(host));
		try (Admin admin = Admin.create(config)) {
			assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).extracting(Node::host)
				.containsExactly(host.hostAddress(Link.BROKER));
		}
		try (Admin admin = Admin.create(broker.adminClientProperties())) {
			assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).extracting(Node::host)
				.as("the loopback listener's clients")
				.containsExactly("localhost");
		}
	}

	@Test
	void cutOffTheBrokerTheHostStillReachesItsDatabase() throws Exception {
		whileCut(Link.BROKER, () -> {
			// the producer waits out its delivery timeout (6 s)
			assertTimedOut(ask("kafka"), "TimeoutException", 5000);
			assertThat(ask("database")).startsWith("OK");
		});
	}

	@Test
	void cutOffTheDatabaseTheHostStillReachesTheBroker() throws Exception {
		whileCut(Link.DATABASE, () -> {
			// the open connection's query waits out its socket timeout, then a new
			// connection's attempt its connect timeout (3 s each)
			assertTimedOut(ask("database"), "I/O error", 2500);
			assertTimedOut(ask("database"), "connection attempt failed", 2500);
			assertThat(ask("kafka")).startsWith("OK");
		});
	}

	/**
	 * With both reachable, cuts the link, runs the checks and heals it; then both are
	 * reachable again.
	 */
	private static void whileCut(Link link, Checks checks) throws Exception {
		awaitBothReachable();
		host.cut(link);
		try {
			checks.run();
		}
		finally {
			host.heal(link);
		}
		awaitBothReachable();
	}

	/**
	 * A partition loses packets: neither a reset nor a refusal, so a failure comes only
	 * when a timeout runs out.
	 */
	private static void assertTimedOut(String answer, String failure, long atLeastMillis) {
		assertThat(answer).startsWith("FAILED").contains(failure);
		assertThat(millis(answer)).as(answer).isGreaterThanOrEqualTo(atLeastMillis);
	}

	private static void awaitBothReachable() {
		await().atMost(RECONNECTED).pollInterval(Duration.ofMillis(500)).until(() -> ask("kafka").startsWith("OK"));
		await().atMost(RECONNECTED).pollInterval(Duration.ofMillis(500)).until(() -> ask("database").startsWith("OK"));
	}

	@FunctionalInterface
	private interface Checks {

		void run() throws Exception;

	}

	/** Sends the command to the client inside and returns its answer. */
	private static String ask(String command) throws IOException, InterruptedException {
		commands.write(command + "\n");
		commands.flush();
		String answer = answers.poll(ANSWER.toSeconds(), TimeUnit.SECONDS);
		assertThat(answer).as("the client's answer to " + command + " (log: target/partitioned-client.log)")
			.isNotNull();
		System.err.println("partitioned client, " + command + " with " + cutLinks() + " cut: " + answer);
		return answer;
	}

	/**
	 * How long the client took to answer: {@code OK <millis>},
	 * {@code FAILED <millis> ...}.
	 */
	private static long millis(String answer) {
		return Long.parseLong(answer.split(" ")[1]);
	}

	private static List<Link> cutLinks() {
		return List.of(Link.values()).stream().filter(host::isCut).toList();
	}

}
