package io.orderflow.embedded.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one
 * node), started in this JVM from Kafka's own server artifacts on Maven Central,
 * configured as a production broker would be but for replication. Its log directory
 * survives {@link #stop()} and {@link #start()}, so a test can restart it.
 *
 * <p>
 * Topics are never auto-created: every service declares the topics it uses, and a typo
 * fails loudly instead of creating a topic nobody reads.
 */
public final class KafkaBroker implements AutoCloseable {

	private final int port;

	private final Properties config;

	private final Path logDir;

	private KafkaRaftServer server;

	private KafkaBroker(int port, Properties config, Path logDir) {
		this.port = port;
		this.config = config;
		this.logDir = logDir;
	}

	/**
	 * Formats a fresh log directory and starts the broker.
	 * @param port the client port, or 0 for a free one
	 */
	public static KafkaBroker start(int port) {
		try {
			int clientPort = port != 0 ? port : freePort();
			int controllerPort = freePort();
			Path logDir = Files.createTempDirectory("orderflow-kafka-");
			Properties config = new Properties();
			config.put("process.roles", "broker,controller");
			config.put("node.id", "1");
			config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
			config.put("listeners",
					"PLAINTEXT://127.0.0.1:" + clientPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
			config.put("advertised.listeners", "PLAINTEXT://localhost:" + clientPort);
			config.put("controller.listener.names", "CONTROLLER");
			config.put("inter.broker.listener.name", "PLAINTEXT");
			config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
			config.put("log.dirs", logDir.toString());
			config.put("auto.create.topics.enable", "false");
			config.put("num.partitions", "3");
			config.put("offsets.topic.replication.factor", "1");
			config.put("offsets.topic.num.partitions", "5");
			config.put("transaction.state.log.replication.factor", "1");
			config.put("transaction.state.log.min.isr", "1");
			config.put("share.coordinator.state.topic.replication.factor", "1");
			config.put("share.coordinator.state.topic.min.isr", "1");
			config.put("group.initial.rebalance.delay.ms", "0");
			format(config, logDir);
			KafkaBroker broker = new KafkaBroker(clientPort, config, logDir);
			broker.start();
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Kafka did not start", ex);
		}
	}

	/** Starts the broker (again) on the same port and log directory. */
	public synchronized void start() {
		if (server == null) {
			server = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
			server.startup();
		}
	}

	/** Stops the broker cleanly; its data stays. */
	public synchronized void stop() {
		if (server != null) {
			server.shutdown();
			server.awaitShutdown();
			server = null;
		}
	}

	public synchronized boolean isRunning() {
		return server != null;
	}

	/** {@code host:port} for {@code bootstrap.servers}. */
	public String bootstrapServers() {
		return "localhost:" + port;
	}

	/** Stops the broker and deletes its data. */
	@Override
	public void close() {
		stop();
		try (Stream<Path> files = Files.walk(logDir.getParent())) {
			files.filter(path -> path.startsWith(logDir) || path.equals(propertiesFile(logDir)))
				.sorted(Comparator.reverseOrder())
				.forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			// temporary files; the OS cleans up the rest
		}
	}

	private static Path propertiesFile(Path logDir) {
		return logDir.resolveSibling(logDir.getFileName() + ".properties");
	}

	private static void format(Properties config, Path logDir) throws IOException {
		Path file = propertiesFile(logDir);
		try (OutputStream out = Files.newOutputStream(file)) {
			config.store(out, "orderflow local broker");
		}
		var output = new ByteArrayOutputStream();
		int exit = StorageTool.execute(new String[] { "format", "--cluster-id", Uuid.randomUuid().toString(),
				"--config", file.toString(), "--ignore-formatted" },
				new PrintStream(output, true, StandardCharsets.UTF_8));
		if (exit != 0) {
			throw new IllegalStateException("Could not format Kafka's log directory: " + output);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
