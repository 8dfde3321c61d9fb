package io.orderflow.messaging.deadletter;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.orderflow.embedded.kafka.KafkaBroker;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.Infrastructure;
import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.messaging.consumer.DeadLetterTopics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link DeadLetterStore#offsetRanges()} on a real broker asks through one consumer for
 * as long as the store lives, since every new consumer logs in anew (a SCRAM login per
 * scrape was most of an idle service's CPU), and still answers the offsets as they are
 * now; a consumer that failed is closed and the next call makes a fresh one; closing the
 * store closes its consumer and does not wait for a broker that is down.
 */
class DeadLetterStoreOffsetRangesIT {

	private static final String GROUP = "messaging-it-offset-ranges";

	private static final String DLT = DeadLetterTopics.of(PaymentEvent.TOPIC, GROUP);

	private static final TopicPartition FIRST = new TopicPartition(DLT, 0);

	private static final TopicPartition SECOND = new TopicPartition(DLT, 1);

	/** Every consumer the store under test made, in order. */
	private final List<Consumer<byte[], byte[]>> made = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void fourDeadLettersOnTwoPartitions() throws Exception {
		String bootstrapServers = Infrastructure.bootstrapServers();
		createTopic(bootstrapServers, 2);
		publish(bootstrapServers, FIRST, 3);
		publish(bootstrapServers, SECOND, 1);
	}

	@Test
	void repeatedCallsAskThroughOneConsumerAndSeeTheOffsetsAsTheyAreNow() throws Exception {
		String bootstrapServers = Infrastructure.bootstrapServers();
		try (DeadLetterStore store = store(bootstrapServers)) {
			Map<TopicPartition, List<Long>> before = ranges(store);
			for (int i = 0; i < 4; i++) {
				assertThat(ranges(store)).isEqualTo(before);
			}
			long firstEnd = before.get(FIRST).get(1);
			long secondEnd = before.get(SECOND).get(1);
			assertThat(firstEnd).isGreaterThanOrEqualTo(3);
			assertThat(secondEnd).isGreaterThanOrEqualTo(1);

			publish(bootstrapServers, SECOND, 2);
			try (Admin admin = admin(bootstrapServers)) {
				admin.deleteRecords(Map.of(FIRST, RecordsToDelete.beforeOffset(firstEnd - 1))).all().get();
			}

			assertThat(ranges(store)).isEqualTo(Map.of(FIRST, List.of(firstEnd - 1, firstEnd), SECOND,
					List.of(before.get(SECOND).get(0), secondEnd + 2)));
			assertThat(made).as("consumers made for six calls").hasSize(1);
			assertThat(made.getFirst().assignment())
				.as("assigned the partitions it asks about: the Kafka client warns at each call about any other")
				.containsExactlyInAnyOrderElementsOf(before.keySet());
		}
		assertClosed(made.getFirst());
	}

	@Test
	void aConsumerThatFailedIsClosedAndTheNextCallAsksThroughAFreshOne() {
		try (DeadLetterStore store = store(Infrastructure.bootstrapServers())) {
			Map<TopicPartition, List<Long>> before = ranges(store);
			made.getFirst().close(); // under the store: every use of it fails from now on

			assertThatThrownBy(store::offsetRanges).isInstanceOf(IllegalStateException.class);
			assertThat(ranges(store)).isEqualTo(before);
			assertThat(ranges(store)).isEqualTo(before);
			assertThat(made).as("consumers made: the one that failed, then its successor").hasSize(2);
		}
		assertClosed(made.get(1));
	}

	@Test
	void afterTheBrokerWasDownTheNextCallAsksThroughAFreshConsumer() throws Exception {
		try (KafkaBroker broker = KafkaBroker.start(0); DeadLetterStore store = store(broker.bootstrapServers())) {
			createTopic(broker.bootstrapServers(), 1);
			publish(broker.bootstrapServers(), FIRST, 2);
			assertThat(ranges(store)).isEqualTo(Map.of(FIRST, List.of(0L, 2L)));

			broker.stop();
			assertThatThrownBy(store::offsetRanges).isInstanceOf(TimeoutException.class);
			assertClosed(made.getFirst());

			broker.start();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(ranges(store)).isEqualTo(Map.of(FIRST, List.of(0L, 2L))));
			int afterRecovery = made.size();
			assertThat(ranges(store)).isEqualTo(Map.of(FIRST, List.of(0L, 2L)));
			assertThat(made).as("consumers made, once the broker answered again").hasSize(afterRecovery);
		}
	}

	@Test
	void closingTheStoreWakesUpACallThatWaitsOnABrokerThatIsDown() throws Exception {
		DeadLetterStore store = store("localhost:" + closedPort());
		CompletableFuture<Map<TopicPartition, long[]>> call = CompletableFuture.supplyAsync(store::offsetRanges);
		await().atMost(Duration.ofSeconds(5)).until(() -> !made.isEmpty());
		Thread.sleep(500); // into the wait for the broker, which would last 10 s

		long start = System.nanoTime();
		store.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time to close").isLessThan(Duration.ofSeconds(2));
		assertThatThrownBy(() -> call.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
			.hasCauseInstanceOf(WakeupException.class);
		assertClosed(made.getFirst());

		assertThatThrownBy(store::offsetRanges).isInstanceOf(IllegalStateException.class);
		assertThat(made).as("consumers made, also after the store was closed").hasSize(1);
	}

	/** A store whose consumers, of its own configuration, are counted. */
	private DeadLetterStore store(String bootstrapServers) {
		return new DeadLetterStore(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
				ConsumedEvents.of(PaymentEvent.CATALOG), GROUP, 1, config -> {
					Consumer<byte[], byte[]> consumer = DeadLetterStore.kafkaConsumer(config);
					made.add(consumer);
					return consumer;
				});
	}

	/** {@code [begin, end)} of each partition, comparable. */
	private static Map<TopicPartition, List<Long>> ranges(DeadLetterStore store) {
		Map<TopicPartition, List<Long>> ranges = new LinkedHashMap<>();
		store.offsetRanges().forEach((tp, range) -> ranges.put(tp, List.of(range[0], range[1])));
		return ranges;
	}

	/** A closed consumer refuses any use; an open one would answer. */
	private static void assertClosed(Consumer<byte[], byte[]> consumer) {
		assertThatThrownBy(() -> consumer.partitionsFor(DLT, Duration.ofSeconds(5)))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("closed");
	}

	private static void createTopic(String bootstrapServers, int partitions) throws Exception {
		try (Admin admin = admin(bootstrapServers)) {
			admin.createTopics(List.of(new NewTopic(DLT, partitions, (short) 1))).all().get();
		}
	}

	private static void publish(String bootstrapServers, TopicPartition tp, int count) throws Exception {
		try (var producer = new KafkaProducer<>(
				Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
				new StringSerializer(), new ByteArraySerializer())) {
			for (int i = 0; i < count; i++) {
				producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), "key-" + i, new byte[] { 1 }))
					.get(10, TimeUnit.SECONDS);
			}
		}
	}

	private static Admin admin(String bootstrapServers) {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
