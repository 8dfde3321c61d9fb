package io.orderflow.messaging.retention;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.messaging.MessagingIntegrationTest;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.TestEffects;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.orderflow.messaging.PaymentEventRecords.authorized;
import static io.orderflow.messaging.PaymentEventRecords.record;
import static io.orderflow.messaging.PaymentEventRecords.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pruning past the retention horizon on a real PostgreSQL and broker: it forgets only
 * what is older than the horizon, in bounded batches, once however many instances prune
 * at the same time, and an event processed within the horizon is still recognised when
 * Kafka delivers it again.
 */
class RetentionPruningIT extends MessagingIntegrationTest {

	private static final Duration SOON = Duration.ofSeconds(20);

	@Autowired
	RetentionPruner pruner;

	@Autowired
	MessagingProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Test
	void rowsPastTheHorizonArePrunedInBoundedBatchesAndYoungerOnesKept() {
		String topic = "prune-it-" + UUID.randomUUID() + ".dlt";
		pruner.pruneNow();
		for (int i = 0; i < 25; i++) {
			inboxRow(UUID.randomUUID(), properties.pruning().horizon().plusDays(1));
		}
		UUID young = UUID.randomUUID();
		inboxRow(young, properties.pruning().horizon().minusDays(1));
		for (int offset = 0; offset < 3; offset++) {
			resolution(topic, offset, properties.pruning().horizon().plusHours(1));
		}
		resolution(topic, 3, properties.pruning().horizon().minusHours(1));

		RetentionPruner.Pruned pruned = pruner.pruneNow();

		assertThat(pruned.inboxRows()).isEqualTo(new RetentionPruner.Batches(25, 3));
		assertThat(pruned.resolutions()).isEqualTo(new RetentionPruner.Batches(3, 1));
		assertThat(inboxRowsOlderThanTheHorizon()).isZero();
		assertThat(jdbc.sql("select count(*) from inbox_message where event_id = ?")
			.param(young)
			.query(Long.class)
			.single()).isEqualTo(1);
		assertThat(jdbc.sql("select \"offset\" from dead_letter_resolution where topic = ?")
			.param(topic)
			.query(Long.class)
			.list()).containsExactly(3L);
	}

	@Test
	void instancesPruningAtTheSameTimeTakeDifferentRowsAndDeleteEachOnce() {
		pruner.pruneNow();
		for (int i = 0; i < 400; i++) {
			inboxRow(UUID.randomUUID(), properties.pruning().horizon().plusDays(2));
		}
		RetentionPruner another = new RetentionPruner(jdbc, properties.pruning());

		CompletableFuture<RetentionPruner.Pruned> first = CompletableFuture.supplyAsync(pruner::pruneNow);
		CompletableFuture<RetentionPruner.Pruned> second = CompletableFuture.supplyAsync(another::pruneNow);

		long rows = first.join().inboxRows().rows() + second.join().inboxRows().rows();
		assertThat(rows).isEqualTo(400);
		assertThat(inboxRowsOlderThanTheHorizon()).isZero();
	}

	@Test
	void anEventProcessedWithinTheHorizonIsStillRecognisedWhenDeliveredAgainAfterPruning() {
		PaymentAuthorized event = authorized(UUID.randomUUID());
		send(record(event));
		await().atMost(SOON).until(() -> TestEffects.processed(jdbc, event));
		jdbc.sql("update inbox_message set processed_at = now() - make_interval(secs => ?) where event_id = ?")
			.params((double) properties.pruning().horizon().minusHours(1).toSeconds(), event.eventId())
			.update();

		pruner.pruneNow();
		send(record(event));
		PaymentAuthorized marker = authorized(event.orderId());
		send(record(marker));

		await().atMost(SOON).until(() -> TestEffects.processed(jdbc, marker));
		assertThat(TestEffects.ofOrder(jdbc, event.orderId())).as("the redelivered event had no second effect")
			.isEqualTo(2);
	}

	private void inboxRow(UUID eventId, Duration age) {
		jdbc.sql("""
				insert into inbox_message (event_id, event_type, processed_at)
				values (?, 'orderflow.payment.authorized.v1', now() - make_interval(secs => ?))""")
			.params(eventId, (double) age.toSeconds())
			.update();
	}

	private void resolution(String topic, int offset, Duration age) {
		jdbc.sql("""
				insert into dead_letter_resolution (topic, partition, "offset", resolution, resolved_at)
				values (?, 0, ?, 'DISCARDED', now() - make_interval(secs => ?))""")
			.params(topic, offset, (double) age.toSeconds())
			.update();
	}

	private long inboxRowsOlderThanTheHorizon() {
		return jdbc.sql("select count(*) from inbox_message where processed_at < now() - make_interval(secs => ?)")
			.param((double) properties.pruning().horizon().toSeconds())
			.query(Long.class)
			.single();
	}

}
