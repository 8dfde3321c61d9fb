package io.orderflow.messaging.outbox;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.Infrastructure;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.tracing.OutboxTraceContext;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox relay on a real PostgreSQL (a database of its own, so that no other relay
 * takes its rows) and a real broker: no failure of a round ends it, {@link Error}s
 * included, nor does an interrupt; and a relay whose thread is gone anyway is
 * {@code DOWN} in its health and marks the application's liveness {@code BROKEN}.
 */
class OutboxRelayResilienceIT {

	private static final String TOPIC = "orderflow.relay-it.events";

	private static final EventCatalog<OrderEvent> CATALOG = EventCatalog
		.of(OrderEvent.class, "order", TOPIC, "/orderflow/relay-it")
		.with("orderflow.order.placed.v1", OrderPlaced.class);

	private static final Duration SOON = Duration.ofSeconds(20);

	private static DataSource database;

	private final JdbcClient jdbc = JdbcClient.create(database);

	private final TransactionTemplate transactions = new TransactionTemplate(
			new DataSourceTransactionManager(database));

	/** Errors the next sends throw, in order; then sends go to Kafka. */
	private final ConcurrentLinkedDeque<Supplier<Error>> failingSends = new ConcurrentLinkedDeque<>();

	private final List<Object> published = new CopyOnWriteArrayList<>();

	private OutboxRelay relay;

	private FailingTemplate kafka;

	@BeforeAll
	static void databaseAndTopic() throws Exception {
		database = Infrastructure.messagingDatabase("messaging_relay_it");
		Infrastructure.createTopic(TOPIC, 1);
	}

	@AfterEach
	void stopRelay() {
		if (relay != null) {
			relay.stop();
		}
		if (kafka != null) {
			kafka.getProducerFactory().reset();
		}
	}

	@Test
	void errorsThrownInRoundsEndThoseRoundsOnlyAndTheEventIsPublished() {
		failingSends.add(() -> new OutOfMemoryError("induced: Java heap space"));
		failingSends.add(StackOverflowError::new);
		failingSends.add(() -> new AssertionError("induced"));
		relay = relay(Thread.ofPlatform().name("outbox-relay-it").daemon().factory());
		relay.start();

		OrderPlaced event = addToOutbox();

		await().atMost(SOON).until(() -> Infrastructure.publishedRecordOf(TOPIC, event) != null);
		assertThat(failingSends).isEmpty();
		await().atMost(SOON).untilAsserted(() -> assertThat(relay.status().failuresInARow()).isZero());
		assertThat(relay.status().dead()).isFalse();
		assertThat(relay.status().lastRoundAt()).isNotNull();
		assertThat(health().getStatus()).isEqualTo(Status.UP);
		assertThat(published).isEmpty();
	}

	@Test
	void anInterruptWhileTheRelayIsMeantToRunIsNotAStop() {
		AtomicReference<Thread> thread = new AtomicReference<>();
		relay = relay(runnable -> {
			thread.set(Thread.ofPlatform().name("outbox-relay-it").daemon().unstarted(runnable));
			return thread.get();
		});
		relay.start();

		thread.get().interrupt();
		OrderPlaced event = addToOutbox();

		await().atMost(SOON).until(() -> Infrastructure.publishedRecordOf(TOPIC, event) != null);
		assertThat(thread.get().isAlive()).isTrue();
		assertThat(health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void aRelayWhoseThreadDiedIsDownAndBreaksTheApplicationsLiveness() {
		relay = relay(runnable -> Thread.ofPlatform().name("outbox-relay-it").daemon().unstarted(() -> {
			throw new OutOfMemoryError("simulated: the relay's thread died");
		}));

		relay.start();

		await().atMost(SOON).until(() -> relay.status().dead());
		Health health = health();
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("death",
				"java.lang.OutOfMemoryError: simulated: the relay's thread died");
		assertThat(published).singleElement()
			.isInstanceOfSatisfying(AvailabilityChangeEvent.class,
					change -> assertThat(change.getState()).isEqualTo(LivenessState.BROKEN));
	}

	private OutboxRelay relay(ThreadFactory threads) {
		var settings = new MessagingProperties.Outbox(Duration.ofMillis(100), 500, Duration.ofSeconds(10),
				Duration.ofSeconds(10));
		kafka = new FailingTemplate(failingSends);
		return new OutboxRelay(jdbc, transactions, kafka, settings, OutboxTraceContext.NONE, published::add, threads);
	}

	private Health health() {
		return new OutboxRelayHealthIndicator(relay).health();
	}

	private OrderPlaced addToOutbox() {
		OrderPlaced event = new OrderPlaced(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS),
				UUID.randomUUID(), "c-1", "c-1@example.com", "EUR", new BigDecimal("25.00"), "pm_card_visa",
				List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50"))));
		transactions.executeWithoutResult(
				tx -> new Outbox(jdbc, new EventJson(), relay, OutboxTraceContext.NONE).add(CATALOG, event));
		return event;
	}

	/** Kafka, but the next sends throw what the test queued first. */
	private static final class FailingTemplate extends KafkaTemplate<String, Object> {

		private final ConcurrentLinkedDeque<Supplier<Error>> failures;

		FailingTemplate(ConcurrentLinkedDeque<Supplier<Error>> failures) {
			super(new DefaultKafkaProducerFactory<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.bootstrapServers()),
					new StringSerializer(), (Serializer<Object>) (topic, value) -> (byte[]) value));
			this.failures = failures;
		}

		@Override
		public CompletableFuture<SendResult<String, Object>> send(ProducerRecord<String, Object> record) {
			Supplier<Error> failure = failures.poll();
			if (failure != null) {
				throw failure.get();
			}
			return super.send(record);
		}

	}

}
