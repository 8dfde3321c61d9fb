package io.orderflow.messaging.outbox;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.MessagingIntegrationTest;
import io.orderflow.messaging.TestHttp;
import io.orderflow.messaging.cloudevents.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static io.orderflow.messaging.Infrastructure.header;
import static io.orderflow.messaging.Infrastructure.publishedRecordOf;
import static io.orderflow.messaging.Infrastructure.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The transactional outbox and its relay on a real broker and a real PostgreSQL. */
class OutboxRelayIT extends MessagingIntegrationTest {

	private static final Duration RELAYED = Duration.ofSeconds(15);

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void anEventCommittedWithItsStateIsPublishedKeyedByOrderWithCloudEventsHeaders() {
		OrderPlaced event = placed(UUID.randomUUID());

		transactions.executeWithoutResult(tx -> outbox.add(OrderEvent.CATALOG, event));

		ConsumerRecord<String, byte[]> record = await().atMost(RELAYED)
			.until(() -> publishedRecordOf(OrderEvent.TOPIC, event), r -> r != null);
		assertThat(record.key()).isEqualTo(event.orderId().toString());
		assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
		assertThat(header(record, CloudEventHeaders.ID)).isEqualTo(event.eventId().toString());
		assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("orderflow.order.placed.v1");
		assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/orderflow/order-service");
		assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(event.orderId().toString());
		assertThat(Instant.parse(header(record, CloudEventHeaders.TIME))).isEqualTo(event.occurredAt());
		assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
		assertThat(new EventJson().read(record.value(), OrderPlaced.class)).isEqualTo(event);
		await().atMost(RELAYED).untilAsserted(() -> assertThat(backlog()).isZero());
	}

	@Test
	void aRolledBackTransactionPublishesNothing() {
		OrderPlaced rolledBack = placed(UUID.randomUUID());
		OrderPlaced committedAfterwards = placed(UUID.randomUUID());

		assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
			outbox.add(OrderEvent.CATALOG, rolledBack);
			throw new IllegalStateException("the business change failed");
		})).isInstanceOf(IllegalStateException.class);
		transactions.executeWithoutResult(tx -> outbox.add(OrderEvent.CATALOG, committedAfterwards));

		await().atMost(RELAYED).until(() -> publishedRecordOf(OrderEvent.TOPIC, committedAfterwards) != null);
		assertThat(publishedRecordOf(OrderEvent.TOPIC, rolledBack)).isNull();
	}

	@Test
	void outsideATransactionTheOutboxRefusesToWrite() {
		assertThatThrownBy(() -> outbox.add(OrderEvent.CATALOG, placed(UUID.randomUUID())))
			.hasMessageContaining("transaction");
	}

	@Test
	void aTransactionThatCommitsAfterALaterOneIsNotSkipped() throws Exception {
		OrderPlaced early = placed(UUID.randomUUID());
		OrderPlaced late = placed(UUID.randomUUID());
		CountDownLatch earlyInserted = new CountDownLatch(1);
		CountDownLatch lateRelayed = new CountDownLatch(1);

		// "early" takes the lower outbox id but commits only after "late" was committed
		// and relayed
		CompletableFuture<Void> slowTransaction = CompletableFuture
			.runAsync(() -> transactions.executeWithoutResult(tx -> {
				outbox.add(OrderEvent.CATALOG, early);
				earlyInserted.countDown();
				awaitLatch(lateRelayed);
			}));
		assertThat(earlyInserted.await(10, TimeUnit.SECONDS)).isTrue();
		transactions.executeWithoutResult(tx -> outbox.add(OrderEvent.CATALOG, late));
		await().atMost(RELAYED).until(() -> publishedRecordOf(OrderEvent.TOPIC, late) != null);
		lateRelayed.countDown();
		slowTransaction.get(10, TimeUnit.SECONDS);

		await().atMost(RELAYED).until(() -> publishedRecordOf(OrderEvent.TOPIC, early) != null);
		await().atMost(RELAYED).untilAsserted(() -> assertThat(backlog()).isZero());
	}

	@Test
	void eventsOfOneOrderArePublishedInTheOrderTheirTransactionsCommitted() {
		UUID orderId = UUID.randomUUID();
		List<UUID> written = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			OrderPlaced event = placed(orderId);
			written.add(event.eventId());
			transactions.executeWithoutResult(tx -> outbox.add(OrderEvent.CATALOG, event));
		}

		await().atMost(RELAYED).untilAsserted(() -> assertThat(eventIdsOf(orderId)).hasSize(30));
		assertThat(eventIdsOf(orderId)).containsExactlyElementsOf(written);
	}

	@Test
	void theRelayIsUpInTheServicesHealthAndItsLiveness() {
		JsonNode health = JsonMapper.builder()
			.build()
			.readTree(TestHttp.exchange(HttpRequest.newBuilder(TestHttp.uri(port, "/actuator/health"))).body());

		assertThat(health.at("/components/outboxRelay/status").asString()).isEqualTo("UP");
		assertThat(health.at("/components/outboxRelay/details/failedRoundsInARow").isInt()).isTrue();
		assertThat(
				TestHttp.exchange(HttpRequest.newBuilder(TestHttp.uri(port, "/actuator/health/liveness"))).statusCode())
			.isEqualTo(200);
	}

	private long backlog() {
		return jdbc.sql("select count(*) from outbox_message").query(Long.class).single();
	}

	private static List<UUID> eventIdsOf(UUID orderId) {
		return readAll(OrderEvent.TOPIC).stream()
			.filter(record -> orderId.toString().equals(record.key()))
			.sorted((a, b) -> Long.compare(a.offset(), b.offset()))
			.map(record -> UUID.fromString(header(record, CloudEventHeaders.ID)))
			.toList();
	}

	private static OrderPlaced placed(UUID orderId) {
		return new OrderPlaced(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), orderId, "c-1",
				"c-1@example.com", "EUR", new BigDecimal("25.00"), "pm_card_visa",
				List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50"))));
	}

	private static void awaitLatch(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
