package io.orderflow.messaging.consumer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.messaging.Infrastructure;
import io.orderflow.messaging.MessagingIntegrationTest;
import io.orderflow.messaging.TestEffects;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.orderflow.messaging.PaymentEventRecords.authorized;
import static io.orderflow.messaging.PaymentEventRecords.record;
import static io.orderflow.messaging.PaymentEventRecords.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A consumer commits its offsets once per commit interval (100 ms by default), not after
 * every poll, and an idle one still commits its last offsets within about a second: on a
 * real broker, records sent one at a time, so that nearly every poll returns one.
 */
class OffsetCommitIT extends MessagingIntegrationTest {

	private static final int RECORDS = 60;

	private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

	@Autowired
	JdbcClient jdbc;

	@Test
	void offsetsAreCommittedOncePerIntervalRatherThanOncePerPoll() throws Exception {
		List<UUID> orders = new ArrayList<>();
		int commitsBefore = OffsetCommitCounter.commits();
		long started = System.nanoTime();
		RecordMetadata last = null;
		for (int i = 0; i < RECORDS; i++) {
			UUID orderId = UUID.randomUUID();
			orders.add(orderId);
			last = send(record(authorized(orderId)));
			Thread.sleep(20);
		}
		await().atMost(Duration.ofSeconds(30))
			.until(() -> orders.stream().allMatch(orderId -> TestEffects.ofOrder(jdbc, orderId) == 1));
		TopicPartition lastPartition = new TopicPartition(last.topic(), last.partition());
		long lastOffset = last.offset();
		// idle now: the last offsets are committed at the end of the next empty poll
		await().atMost(Duration.ofSeconds(5))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> committed(lastPartition) > lastOffset);
		long elapsedMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
		int commits = OffsetCommitCounter.commits() - commitsBefore;

		// once per poll would be about one per record, here sixty in about one and a half
		// seconds
		assertThat(commits).isPositive().isLessThanOrEqualTo((int) (elapsedMillis / COMMIT_INTERVAL.toMillis()) + 3);
	}

	private static long committed(TopicPartition partition) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.bootstrapServers()))) {
			OffsetAndMetadata offset = admin.listConsumerGroupOffsets("messaging-it")
				.partitionsToOffsetAndMetadata()
				.get()
				.get(partition);
			return offset == null ? -1 : offset.offset();
		}
	}

}
