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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.orderflow.embedded.network.IsolatedHost;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one
 * node), started in this JVM from Kafka's own server artifacts on Maven Central,
 * configured as a production broker would be but for replication. Its log directory
 * survives {@link #stop()} and {@link #start()}, so a test can restart it. Each node of a
 * {@link KafkaCluster} is one too, replicated on the others.
 *
 * <p>
 * Started {@link #start(int) open} (what every client uses today) or
 * {@link #startSecured(int, BrokerCredentials) secured} with SASL/SCRAM and ACLs.
 *
 * <p>
 * Topics are never auto-created: every service declares the topics it uses, and a typo
 * fails loudly instead of creating a topic nobody reads.
 */
public final class KafkaBroker implements AutoCloseable {

	private static final String CLIENT = "CLIENT";

	private static final String CONTROLLER = "CONTROLLER";

	/** Followed by the host's index: the listener an {@link IsolatedHost} reaches. */
	private static final String ISOLATED_HOST = "ISOLATED_HOST_";

	private final int port;

	private final Properties config;

	private final Path logDir;

	private final BrokerCredentials credentials;

	/** By address, the port of the listener for an isolated host. */
	private final Map<String, Integer> isolatedHostListeners;

	private KafkaRaftServer server;

	private KafkaBroker(int port, Properties config, Path logDir, BrokerCredentials credentials,
			Map<String, Integer> isolatedHostListeners) {
		this.port = port;
		this.config = config;
		this.logDir = logDir;
		this.credentials = credentials;
		this.isolatedHostListeners = isolatedHostListeners;
	}

	/**
	 * Formats a fresh log directory and starts the broker, open to anyone who reaches the
	 * port (PLAINTEXT, no authorizer).
	 * @param port the client port, or 0 for a free one
	 */
	public static KafkaBroker start(int port) {
		return start(port, null, List.of());
	}

	/**
	 * Formats a fresh log directory and starts the broker secured: clients authenticate
	 * with SCRAM-SHA-512 and may do only what an ACL allows ({@code StandardAuthorizer},
	 * nothing where no ACL is found). Only the super users {@code admin} and
	 * {@code broker} exist; the admin creates the other users and their ACLs at runtime
	 * ({@link #adminLogin()}).
	 *
	 * <p>
	 * The controller listener takes SASL PLAIN with the static {@code broker} user: on
	 * PLAINTEXT its principal would be {@code ANONYMOUS}, which would have to be a super
	 * user, and an admin client can talk to a controller directly (KIP-919). SCRAM
	 * between controllers is not supported by Kafka.
	 * @param port the client port, or 0 for a free one
	 * @param credentials the passwords of the super users
	 */
	public static KafkaBroker startSecured(int port, BrokerCredentials credentials) {
		return start(port, credentials, List.of());
	}

	/**
	 * {@link #startSecured(int, BrokerCredentials)}, reachable also from each of the
	 * hosts over its {@link IsolatedHost.Link#BROKER broker link}: a listener of its own,
	 * secured like the loopback one, on the link's host side address and a port of its
	 * own (Kafka wants one per listener), which it advertises, so that a client there
	 * that bootstraps from {@link #bootstrapServers(IsolatedHost)} is told an address it
	 * reaches. The hosts' links must exist until the broker is closed: Kafka binds them
	 * at every start.
	 * @param port the client port, or 0 for a free one
	 * @param credentials the passwords of the super users
	 * @param reachableFrom the hosts whose processes are clients of the broker
	 */
	public static KafkaBroker startSecured(int port, BrokerCredentials credentials, List<IsolatedHost> reachableFrom) {
		return start(port, credentials,
				reachableFrom.stream().map(host -> host.hostAddress(IsolatedHost.Link.BROKER)).toList());
	}

	/**
	 * {@link #startSecured(int, BrokerCredentials)} with freshly generated passwords.
	 * @param port the client port, or 0 for a free one
	 */
	public static KafkaBroker startSecured(int port) {
		return startSecured(port, BrokerCredentials.generate());
	}

	private static KafkaBroker start(int port, BrokerCredentials credentials, List<String> isolatedHostAddresses) {
		try {
			Node node = Node.listeningOn(1, port);
			KafkaBroker broker = format(Uuid.randomUuid().toString(), node, List.of(node), credentials,
					isolatedHostAddresses);
			broker.start();
			return broker;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Kafka did not start", ex);
		}
	}

	/**
	 * Formats a fresh log directory for one node of a quorum (a broker alone is a quorum
	 * of one), not started yet. Every node of a cluster is formatted with the same
	 * cluster id and the same super users; topics are replicated on every node, and a
	 * write needs a majority of the replicas in sync.
	 * @param clusterId the id every node of the cluster shares
	 * @param node the node to format
	 * @param quorum all nodes, each broker and controller
	 * @param credentials the super users, or {@code null} for an open node
	 * @param isolatedHostAddresses host-side addresses of isolated hosts' broker links,
	 * each of which gets a client listener of its own (a single broker's option)
	 */
	static KafkaBroker format(String clusterId, Node node, List<Node> quorum, BrokerCredentials credentials,
			List<String> isolatedHostAddresses) throws IOException {
		String replicas = Integer.toString(quorum.size());
		String minInsyncReplicas = Integer.toString(quorum.size() / 2 + 1);
		Path logDir = Files.createTempDirectory("orderflow-kafka-");
		Properties config = new Properties();
		config.put("process.roles", "broker,controller");
		config.put("node.id", Integer.toString(node.id()));
		config.put("controller.quorum.voters", quorum.stream().map(Node::voter).collect(Collectors.joining(",")));
		List<String> clientListeners = new ArrayList<>(List.of(CLIENT));
		StringBuilder listeners = new StringBuilder(CLIENT + "://127.0.0.1:" + node.clientPort() + "," + CONTROLLER
				+ "://127.0.0.1:" + node.controllerPort());
		StringBuilder advertised = new StringBuilder(CLIENT + "://localhost:" + node.clientPort());
		Map<String, Integer> isolatedHostListeners = new LinkedHashMap<>();
		for (int index = 0; index < isolatedHostAddresses.size(); index++) {
			String address = isolatedHostAddresses.get(index);
			int listenerPort = Node.freePort();
			isolatedHostListeners.put(address, listenerPort);
			String listener = ISOLATED_HOST + index + "://" + address + ":" + listenerPort;
			listeners.append(',').append(listener);
			advertised.append(',').append(listener);
			clientListeners.add(ISOLATED_HOST + index);
		}
		config.put("listeners", listeners.toString());
		config.put("advertised.listeners", advertised.toString());
		config.put("controller.listener.names", CONTROLLER);
		config.put("inter.broker.listener.name", CLIENT);
		config.put("log.dirs", logDir.toString());
		config.put("auto.create.topics.enable", "false");
		config.put("num.partitions", "3");
		config.put("default.replication.factor", replicas);
		config.put("min.insync.replicas", minInsyncReplicas);
		config.put("offsets.topic.replication.factor", replicas);
		config.put("offsets.topic.num.partitions", "5");
		config.put("transaction.state.log.replication.factor", replicas);
		config.put("transaction.state.log.min.isr", minInsyncReplicas);
		config.put("share.coordinator.state.topic.replication.factor", replicas);
		config.put("share.coordinator.state.topic.min.isr", minInsyncReplicas);
		config.put("group.initial.rebalance.delay.ms", "0");
		if (quorum.size() > 1) {
			// a node of a cluster stops without asking the controller first, so the
			// others learn of it as of a crash, when its heartbeats stop
			// (broker.session.timeout.ms); and the last nodes of a cluster closing
			// together never wait for a quorum that is gone
			config.put("controlled.shutdown.enable", "false");
		}
		List<ScramLogin> scramUsers = List.of();
		if (credentials == null) {
			config.put("listener.security.protocol.map", protocolMap(clientListeners, "PLAINTEXT"));
		}
		else {
			secure(config, credentials, clientListeners);
			scramUsers = List.of(credentials.admin(), credentials.broker());
		}
		format(config, logDir, clusterId, scramUsers);
		return new KafkaBroker(node.clientPort(), config, logDir, credentials, Map.copyOf(isolatedHostListeners));
	}

	/** The client listeners, then the controller listener, all on the protocol. */
	private static String protocolMap(List<String> clientListeners, String protocol) {
		List<String> entries = new ArrayList<>();
		clientListeners.forEach(listener -> entries.add(listener + ":" + protocol));
		entries.add(CONTROLLER + ":" + protocol);
		return String.join(",", entries);
	}

	private static void secure(Properties config, BrokerCredentials credentials, List<String> clientListeners) {
		ScramLogin broker = credentials.broker();
		config.put("listener.security.protocol.map", protocolMap(clientListeners, "SASL_PLAINTEXT"));
		config.put("sasl.enabled.mechanisms", ScramLogin.MECHANISM);
		config.put("sasl.mechanism.inter.broker.protocol", ScramLogin.MECHANISM);
		// every SASL listener needs a login context; on the client listeners SCRAM checks
		// the users of the metadata log, whatever login this names
		for (String listener : clientListeners) {
			config.put("listener.name." + listener.toLowerCase(Locale.ROOT) + ".scram-sha-512.sasl.jaas.config",
					broker.jaasConfig());
		}
		config.put("sasl.mechanism.controller.protocol", "PLAIN");
		config.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
		config.put("listener.name.controller.plain.sasl.jaas.config",
				"org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + broker.username()
						+ "\" password=\"" + broker.password() + "\" user_" + broker.username() + "=\""
						+ broker.password() + "\";");
		config.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
		config.put("allow.everyone.if.no.acl.found", "false");
		config.put("super.users", "User:" + credentials.admin().username() + ";User:" + broker.username());
	}

	/** Starts the broker (again) on the same port and log directory. */
	public synchronized void start() {
		if (server == null) {
			server = new KafkaRaftServer(KafkaConfig.fromProps(config), Time.SYSTEM);
			server.startup();
		}
	}

	/**
	 * Stops the broker; its data stays, flushed. A single broker stops cleanly; a node of
	 * a {@link KafkaCluster} stops without the controlled shutdown that would first hand
	 * its partitions' leadership over, so the cluster sees it go as it would see a crash.
	 */
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

	/**
	 * {@code host:port} for {@code bootstrap.servers} of a client on the host: the
	 * listener on its broker link.
	 * @throws IllegalArgumentException when the broker was not started reachable from the
	 * host
	 */
	public String bootstrapServers(IsolatedHost host) {
		String address = host.hostAddress(IsolatedHost.Link.BROKER);
		Integer listenerPort = isolatedHostListeners.get(address);
		if (listenerPort == null) {
			throw new IllegalArgumentException("The broker has no listener for " + host.name());
		}
		return address + ":" + listenerPort;
	}

	/** Whether clients must authenticate ({@link #startSecured}). */
	public boolean isSecured() {
		return credentials != null;
	}

	/**
	 * The super user that creates topics, users and ACLs.
	 * @throws IllegalStateException when the broker is not {@link #isSecured() secured}
	 */
	public ScramLogin adminLogin() {
		if (credentials == null) {
			throw new IllegalStateException("The broker is not secured: it has no users");
		}
		return credentials.admin();
	}

	/**
	 * What an admin client needs to act as the super user: the bootstrap servers and the
	 * admin's login.
	 */
	public Map<String, Object> adminClientProperties() {
		return clientProperties(adminLogin(), bootstrapServers());
	}

	/** A client's login and where it bootstraps from, for one broker or a cluster. */
	static Map<String, Object> clientProperties(ScramLogin login, String bootstrapServers) {
		Map<String, Object> properties = new HashMap<>(login.clientProperties());
		properties.put("bootstrap.servers", bootstrapServers);
		return properties;
	}

	/** Stops the broker and deletes its data. */
	@Override
	public void close() {
		stop();
		deleteData();
	}

	/** Deletes the broker's log directory and its configuration, once it is stopped. */
	void deleteData() {
		// its own files only: the temporary folder around them changes under other
		// processes (and the other nodes of a cluster), which would break a walk of it
		try (Stream<Path> files = Files.walk(logDir)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			Files.deleteIfExists(propertiesFile(logDir));
		}
		catch (IOException | UncheckedIOException ex) {
			// temporary files; the OS cleans up the rest
		}
	}

	private static Path propertiesFile(Path logDir) {
		return logDir.resolveSibling(logDir.getFileName() + ".properties");
	}

	private static void format(Properties config, Path logDir, String clusterId, List<ScramLogin> scramUsers)
			throws IOException {
		Path file = propertiesFile(logDir);
		try (OutputStream out = Files.newOutputStream(file)) {
			config.store(out, "orderflow local broker");
		}
		List<String> arguments = new ArrayList<>(
				List.of("format", "--cluster-id", clusterId, "--config", file.toString(), "--ignore-formatted"));
		// users in the first metadata records, so that the super users can log in at once
		for (ScramLogin user : scramUsers) {
			arguments.add("--add-scram");
			arguments.add(ScramLogin.MECHANISM + "=[name=" + user.username() + ",password=" + user.password() + "]");
		}
		var output = new ByteArrayOutputStream();
		int exit = StorageTool.execute(arguments.toArray(String[]::new),
				new PrintStream(output, true, StandardCharsets.UTF_8));
		if (exit != 0) {
			throw new IllegalStateException("Could not format Kafka's log directory: " + output);
		}
	}

	/**
	 * Where one node listens on the loopback interface and how it votes in its quorum.
	 *
	 * @param id the node id, unique in the quorum
	 * @param clientPort the port clients and the other brokers reach it on
	 * @param controllerPort the port of its controller, which only nodes of the quorum
	 * reach
	 */
	record Node(int id, int clientPort, int controllerPort) {

		/**
		 * The node on the given client port (or a free one for 0) and a free controller
		 * port.
		 */
		static Node listeningOn(int id, int clientPort) throws IOException {
			return new Node(id, clientPort != 0 ? clientPort : freePort(), freePort());
		}

		/** Its entry in {@code controller.quorum.voters}. */
		String voter() {
			return id + "@127.0.0.1:" + controllerPort;
		}

		static int freePort() throws IOException {
			try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
		}

	}

}
