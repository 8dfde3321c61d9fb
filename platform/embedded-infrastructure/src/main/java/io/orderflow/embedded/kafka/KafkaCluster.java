package io.orderflow.embedded.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import io.orderflow.embedded.network.IsolatedHost;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three real Apache Kafka nodes in KRaft mode on the loopback interface, each broker and
 * controller in one quorum, started in this JVM and {@link KafkaBroker#startSecured
 * secured} as the single broker is: the same super users, SCRAM-SHA-512 logins and ACLs.
 * Users and ACLs are cluster metadata, so what an admin creates through any node holds on
 * all three.
 *
 * <p>
 * Topics are replicated on all three nodes ({@code default.replication.factor=3}, the
 * internal topics too) and a write needs two replicas in sync
 * ({@code min.insync.replicas=2}): with one node down, a producer with {@code acks=all}
 * still writes and the quorum (two of three) still elects a controller.
 *
 * <p>
 * Each {@link #node(int) node} stops and starts on its own, keeping its log directory, so
 * a test can stop the leader of a partition and bring it back. A node stops without a
 * controlled shutdown: it hands nothing over, and the controller fences it once its
 * heartbeats stop ({@code broker.session.timeout.ms}, 9 s), then elects new leaders from
 * the replicas in sync, as after a crash. The brokers run inside the test's JVM, where
 * nothing can be SIGKILLed; this is the nearest.
 *
 * <p>
 * A class beside {@link KafkaBroker} rather than another factory of it: a broker's
 * {@code stop()} and {@code bootstrapServers()} mean one node, a cluster's nodes are
 * stopped one by one and bootstrapped from together.
 */
public final class KafkaCluster implements AutoCloseable {

	/** How many nodes: the smallest quorum that outlives one node down. */
	public static final int SIZE = 3;

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(15);

	private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);

	private final List<KafkaBroker> nodes;

	private final BrokerCredentials credentials;

	private KafkaCluster(List<KafkaBroker> nodes, BrokerCredentials credentials) {
		this.nodes = List.copyOf(nodes);
		this.credentials = credentials;
	}

	/**
	 * Formats a fresh log directory for each node and starts the three together.
	 * @param firstPort the client port of node 1, nodes 2 and 3 on the next two (9092 to
	 * 9094 as the compose cluster's host listeners), or 0 for three free ports
	 * @param credentials the passwords of the super users
	 */
	public static KafkaCluster startSecured(int firstPort, BrokerCredentials credentials) {
		return startSecured(firstPort, credentials, List.of());
	}

	/**
	 * {@link #startSecured(int, BrokerCredentials)}, each node reachable also from each
	 * of the hosts over its broker link, as a
	 * {@linkplain KafkaBroker#startSecured(int, BrokerCredentials, List) single broker}
	 * is: a client there bootstraps from {@link #bootstrapServers(IsolatedHost)}.
	 */
	public static KafkaCluster startSecured(int firstPort, BrokerCredentials credentials,
			List<IsolatedHost> reachableFrom) {
		List<String> isolatedHostAddresses = reachableFrom.stream()
			.map(host -> host.hostAddress(IsolatedHost.Link.BROKER))
			.toList();
		List<KafkaBroker> formatted = new ArrayList<>();
		try {
			List<KafkaBroker.Node> quorum = new ArrayList<>();
			for (int id = 1; id <= SIZE; id++) {
				quorum.add(KafkaBroker.Node.listeningOn(id, (firstPort != 0) ? firstPort + id - 1 : 0));
			}
			String clusterId = Uuid.randomUuid().toString();
			for (KafkaBroker.Node node : quorum) {
				formatted.add(KafkaBroker.format(clusterId, node, quorum, credentials, isolatedHostAddresses));
			}
			// a node's start returns once its broker has caught up with the metadata,
			// which
			// needs an elected controller, which needs two nodes up: one after the other,
			// the first would wait for ever
			together(formatted, KafkaBroker::start);
			return new KafkaCluster(formatted, credentials);
		}
		catch (IOException ex) {
			together(formatted, KafkaBroker::close);
			throw new UncheckedIOException("The Kafka cluster did not start", ex);
		}
		catch (RuntimeException ex) {
			together(formatted, KafkaBroker::close);
			throw ex;
		}
	}

	/**
	 * {@link #startSecured(int, BrokerCredentials)} on free ports with freshly generated
	 * passwords.
	 */
	public static KafkaCluster startSecured() {
		return startSecured(0, BrokerCredentials.generate());
	}

	private static void together(List<KafkaBroker> nodes, Consumer<KafkaBroker> action) {
		try (ExecutorService threads = Executors.newFixedThreadPool(nodes.size())) {
			CompletableFuture
				.allOf(nodes.stream()
					.map(node -> CompletableFuture.runAsync(() -> action.accept(node), threads))
					.toArray(CompletableFuture[]::new))
				.join();
		}
	}

	/** All three nodes, node 1 first. */
	public List<KafkaBroker> nodes() {
		return nodes;
	}

	/**
	 * The node with the given id, as a partition's leader or replica names it.
	 * @param id 1, 2 or 3
	 */
	public KafkaBroker node(int id) {
		if (id < 1 || id > SIZE) {
			throw new IllegalArgumentException("No node " + id + " in a cluster of " + SIZE);
		}
		return nodes.get(id - 1);
	}

	/** Every node's {@code host:port}, for {@code bootstrap.servers}. */
	public String bootstrapServers() {
		return nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
	}

	/**
	 * Every node's listener for a client on the host, for its {@code bootstrap.servers}.
	 */
	public String bootstrapServers(IsolatedHost host) {
		return nodes.stream().map(node -> node.bootstrapServers(host)).collect(Collectors.joining(","));
	}

	/** The super user that creates topics, users and ACLs. */
	public ScramLogin adminLogin() {
		return credentials.admin();
	}

	/**
	 * What an admin client needs to act as the super user: all nodes to bootstrap from
	 * and the admin's login.
	 */
	public Map<String, Object> adminClientProperties() {
		return KafkaBroker.clientProperties(adminLogin(), bootstrapServers());
	}

	/**
	 * Stops every node and deletes its data. Together, and for at most
	 * {@link #CLOSE_TIMEOUT}: a node still stopping then is left to the JVM's exit. The
	 * last node of a quorum may wait for peers that are gone: a node restarted during a
	 * test was seen, on closing, to win an election alone and then wait as a resigning
	 * leader for the acknowledgement of two voters already stopped, for longer than
	 * Surefire waits for a JVM to exit (30 s).
	 */
	@Override
	public void close() {
		ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().factory());
		CompletableFuture<Void> stopped = CompletableFuture.allOf(nodes.stream()
			.map(node -> CompletableFuture.runAsync(node::stop, threads))
			.toArray(CompletableFuture[]::new));
		try {
			stopped.get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			log.warn("A Kafka node was still stopping {} s after the cluster began closing; left to the JVM's exit",
					CLOSE_TIMEOUT.toSeconds());
		}
		catch (ExecutionException ex) {
			log.warn("A Kafka node failed to stop", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			threads.shutdown();
			nodes.forEach(KafkaBroker::deleteData);
		}
	}

}
