package io.orderflow.messaging.outbox;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.Infrastructure;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.cloudevents.CloudEventHeaders;
import io.orderflow.messaging.tracing.OutboxTraceContext;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two relays on one database (a real PostgreSQL) and a real broker, one of them hung
 * while it holds the right to publish: its broker is a black hole (a TCP peer on loopback
 * that accepts connections and never answers, as a paused broker or a partition looks),
 * so it takes the advisory lock and waits inside its open transaction. The relay's lease
 * ({@code idle_in_transaction_session_timeout}) is what lets the other relay take over:
 * with a short lease it publishes every row, in order, soon after the lease; with a lease
 * longer than the test's window it publishes nothing until the hung relay stops.
 */
class OutboxRelayLeaseIT {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelayLeaseIT.class);

	private static final String TOPIC = "orderflow.relay-lease-it.events";

	private static final EventCatalog<OrderEvent> CATALOG = EventCatalog
		.of(OrderEvent.class, "order", TOPIC, "/orderflow/relay-lease-it")
		.with("orderflow.order.placed.v1", OrderPlaced.class);

	private static final int ORDERS = 5;

	private static final int EVENTS_PER_ORDER = 10;

	private static final Duration SHORT_LEASE = Duration.ofSeconds(2);

	/** Room for the peer's next poll and one round on a busy 2-core machine. */
	private static final Duration MARGIN = Duration.ofSeconds(6);

	/** How long the second test watches the peer publish nothing: three short leases. */
	private static final Duration WINDOW = SHORT_LEASE.multipliedBy(3);

	private static final Duration SOON = Duration.ofSeconds(20);

	private static DataSource database;

	private final JdbcClient jdbc = JdbcClient.create(database);

	private final TransactionTemplate transactions = new TransactionTemplate(
			new DataSourceTransactionManager(database));

	private final List<OutboxRelay> relays = new ArrayList<>();

	private final List<KafkaTemplate<String, Object>> templates = new ArrayList<>();

	private BlackHoleBroker blackHole;

	@BeforeAll
	static void databaseAndTopic() throws Exception {
		database = Infrastructure.messagingDatabase("messaging_relay_lease_it");
		Infrastructure.createTopic(TOPIC, 3);
	}

	@BeforeEach
	void emptyOutboxAndABlackHole() throws IOException {
		jdbc.sql("delete from outbox_message").update();
		blackHole = new BlackHoleBroker();
	}

	@AfterEach
	void stopRelaysAndTheBlackHole() throws IOException {
		try {
			relays.forEach(OutboxRelay::stop);
		}
		finally {
			// first: a producer closes only once its requests to the black hole are
			// answered or cut
			blackHole.close();
			templates.forEach(template -> template.getProducerFactory().reset());
		}
	}

	@Test
	void aPeerPublishesEveryRowOnceTheHungRelaysLeaseRunsOut() {
		OutboxRelay hung = relayOn(blackHole.bootstrapServers(), SHORT_LEASE);
		Map<String, List<UUID>> written = addToOutbox(hung);
		start(hung);
		int hungSession = awaitASessionIdleInTransactionHoldingTheLock();
		Instant stalledSince = Instant.now();

		start(relayOn(Infrastructure.bootstrapServers(), SHORT_LEASE));

		await().atMost(SHORT_LEASE.plus(MARGIN)).pollInterval(Duration.ofMillis(50)).until(() -> backlog() == 0);
		Duration tookOver = Duration.between(stalledSince, Instant.now());
		log.info("The peer published all {} rows {} ms after the hung relay was seen holding the lock (lease {} ms)",
				ORDERS * EVENTS_PER_ORDER, tookOver.toMillis(), SHORT_LEASE.toMillis());
		assertThat(publishedByOrder(written.keySet())).isEqualTo(written);
		assertThat(sessionAlive(hungSession)).as("PostgreSQL ended the hung relay's session").isFalse();

		hung.stop();
		assertThat(backlog()).isZero();
		assertThat(publishedByOrder(written.keySet())).as("nothing lost, nothing sent twice").isEqualTo(written);
	}

	@Test
	void withALeaseLongerThanTheWindowThePeerPublishesNothingUntilTheHungRelayStops() {
		OutboxRelay hung = relayOn(blackHole.bootstrapServers(), Duration.ofMinutes(10));
		Map<String, List<UUID>> written = addToOutbox(hung);
		start(hung);
		awaitASessionIdleInTransactionHoldingTheLock();

		start(relayOn(Infrastructure.bootstrapServers(), SHORT_LEASE));

		await().during(WINDOW)
			.atMost(WINDOW.plusSeconds(5))
			.until(() -> backlog() == written.values().stream().mapToInt(List::size).sum());
		assertThat(publishedByOrder(written.keySet())).isEmpty();

		hung.stop();
		await().atMost(SOON).until(() -> backlog() == 0);
		assertThat(publishedByOrder(written.keySet())).as("nothing lost, nothing sent twice").isEqualTo(written);
	}

	/**
	 * Relays the outbox through a producer of its own on the given brokers; polls every
	 * 100 ms, waits 30 s for acknowledgements (the default).
	 */
	private OutboxRelay relayOn(String bootstrapServers, Duration lease) {
		var factory = new DefaultKafkaProducerFactory<String, Object>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all",
						ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
						// a send to the black hole waits for metadata longer than any
						// window of this test
						ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000),
				new StringSerializer(), (Serializer<Object>) (topic, value) -> (byte[]) value);
		// closing a producer whose broker never answers would wait for its requests
		factory.setPhysicalCloseTimeout(1);
		KafkaTemplate<String, Object> kafka = new KafkaTemplate<>(factory);
		templates.add(kafka);
		var settings = new MessagingProperties.Outbox(Duration.ofMillis(100), 500, Duration.ofSeconds(30), lease);
		return new OutboxRelay(jdbc, transactions, kafka, settings, OutboxTraceContext.NONE);
	}

	private OutboxRelay start(OutboxRelay relay) {
		relays.add(relay);
		relay.start();
		return relay;
	}

	/** The pid of the session that holds the relays' lock and waits, idle, inside it. */
	private int awaitASessionIdleInTransactionHoldingTheLock() {
		return await().atMost(SOON)
			.until(() -> jdbc.sql("""
					select activity.pid from pg_locks lock join pg_stat_activity activity on activity.pid = lock.pid
					where lock.locktype = 'advisory' and lock.granted and activity.datname = current_database()
					and activity.state = 'idle in transaction'""").query(Integer.class).optional(),
					pid -> pid.isPresent())
			.orElseThrow();
	}

	private boolean sessionAlive(int pid) {
		return jdbc.sql("select count(*) from pg_stat_activity where pid = ?")
			.param(pid)
			.query(Long.class)
			.single() > 0;
	}

	private long backlog() {
		return jdbc.sql("select count(*) from outbox_message").query(Long.class).single();
	}

	/**
	 * {@link #ORDERS} orders of {@link #EVENTS_PER_ORDER} events each, by order id, added
	 * through an outbox that wakes the given relay.
	 */
	private Map<String, List<UUID>> addToOutbox(OutboxRelay relay) {
		Outbox outbox = new Outbox(jdbc, new EventJson(), relay, OutboxTraceContext.NONE);
		Map<String, List<UUID>> written = new LinkedHashMap<>();
		for (int order = 0; order < ORDERS; order++) {
			UUID orderId = UUID.randomUUID();
			List<UUID> eventIds = new ArrayList<>();
			for (int event = 0; event < EVENTS_PER_ORDER; event++) {
				OrderPlaced placed = placed(orderId);
				transactions.executeWithoutResult(tx -> outbox.add(CATALOG, placed));
				eventIds.add(placed.eventId());
			}
			written.put(orderId.toString(), eventIds);
		}
		return written;
	}

	/** The event ids on the topic for the given orders, each order's in offset order. */
	private static Map<String, List<UUID>> publishedByOrder(Set<String> orderIds) {
		Map<String, List<UUID>> published = new LinkedHashMap<>();
		Infrastructure.readAll(TOPIC)
			.stream()
			.filter(record -> orderIds.contains(record.key()))
			.sorted((a, b) -> Long.compare(a.offset(), b.offset()))
			.forEach(record -> published.computeIfAbsent(record.key(), key -> new ArrayList<>())
				.add(UUID.fromString(Infrastructure.header(record, CloudEventHeaders.ID))));
		return published;
	}

	private static OrderPlaced placed(UUID orderId) {
		return new OrderPlaced(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), orderId, "c-1",
				"c-1@example.com", "EUR", new BigDecimal("25.00"), "pm_card_visa",
				List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50"))));
	}

	/**
	 * A TCP peer on loopback that accepts every connection and never answers: a broker
	 * that hangs, as a paused broker or a network partition looks to a producer.
	 */
	private static final class BlackHoleBroker implements AutoCloseable {

		private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final List<Socket> accepted = new CopyOnWriteArrayList<>();

		private final Thread acceptor;

		BlackHoleBroker() throws IOException {
			acceptor = Thread.ofPlatform().name("black-hole-broker").daemon().start(() -> {
				while (!server.isClosed()) {
					try {
						accepted.add(server.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			});
		}

		String bootstrapServers() {
			return "127.0.0.1:" + server.getLocalPort();
		}

		@Override
		public void close() throws IOException {
			server.close();
			for (Socket socket : accepted) {
				socket.close();
			}
			try {
				acceptor.join(Duration.ofSeconds(5));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
