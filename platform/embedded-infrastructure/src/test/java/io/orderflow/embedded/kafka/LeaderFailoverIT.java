package io.orderflow.embedded.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The node that leads a partition stops while an idempotent producer with
 * {@code acks=all} writes to it: another replica takes over, and every record is
 * acknowledged once and stored once, in order per key. Back, the node rejoins the in-sync
 * replicas.
 */
class LeaderFailoverIT {

	private static final String TOPIC = "failover.topic";

	private static final int KEYS = 12;

	/**
	 * Half before the stop, up to a quarter while the leader stops, the rest with it
	 * down.
	 */
	private static final int RECORDS = 4000;

	private static KafkaCluster cluster;

	@BeforeAll
	static void startCluster() throws Exception {
		cluster = KafkaCluster.startSecured();
		try (Admin admin = Admin.create(cluster.adminClientProperties())) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 3).configs(Map.of("min.insync.replicas", "2"))))
				.all()
				.get(30, TimeUnit.SECONDS);
		}
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void theLeaderStopsWhileAProducerWritesAndNothingIsLostOrDuplicated() throws Exception {
		try (Admin admin = Admin.create(cluster.adminClientProperties());
				var producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new StringSerializer())) {
			int leader = partitionZero(admin).leader().id();
			AtomicIntegerArray acknowledgements = new AtomicIntegerArray(RECORDS);
			Queue<Long> partitionZeroAcknowledged = new ConcurrentLinkedQueue<>();
			Queue<Exception> failures = new ConcurrentLinkedQueue<>();
			int record = 0;
			for (; record < RECORDS / 2; record++) {
				send(producer, record, acknowledgements, partitionZeroAcknowledged, failures);
			}
			producer.flush();
			long stopping = System.nanoTime();
			CompletableFuture<Void> stop = CompletableFuture.runAsync(cluster.node(leader)::stop);
			for (; record < RECORDS * 3 / 4 && !stop.isDone(); record++) {
				send(producer, record, acknowledgements, partitionZeroAcknowledged, failures);
				Thread.sleep(1);
			}
			stop.get(60, TimeUnit.SECONDS);
			long stopped = System.nanoTime();
			// written with the old leader gone for good
			for (; record < RECORDS; record++) {
				send(producer, record, acknowledgements, partitionZeroAcknowledged, failures);
				Thread.sleep(1);
			}
			producer.flush();

			assertThat(failures).isEmpty();
			assertThat(IntStream.range(0, RECORDS).map(acknowledgements::get)).containsOnly(1);
			// the brokers' metadata may trail the controller's by a moment
			TopicPartitionInfo withoutOldLeader = await().atMost(Duration.ofSeconds(30))
				.until(() -> partitionZero(admin), partition -> partition.isr().size() == 2);
			assertThat(withoutOldLeader.leader().id()).isNotEqualTo(leader);
			assertThat(withoutOldLeader.isr()).extracting(Node::id).doesNotContain(leader);
			List<Long> afterStop = partitionZeroAcknowledged.stream().filter(at -> at > stopping).sorted().toList();
			assertThat(afterStop).as("partition 0 acknowledged with its leader down").anyMatch(at -> at > stopped);
			System.out.printf(
					"Leader failover (node %d, partition 0): stop() took %d ms, longest pause between acknowledgements %d ms,"
							+ " first acknowledgement %d ms after stop() began, %d ms after it returned; new leader node %d%n",
					leader, millis(stopped - stopping), millis(longestPause(stopping, afterStop)),
					millis(afterStop.get(0) - stopping),
					millis(afterStop.stream().filter(at -> at > stopped).findFirst().orElseThrow() - stopped),
					withoutOldLeader.leader().id());

			long restarting = System.nanoTime();
			cluster.node(leader).start();
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(partitionZero(admin).isr()).extracting(Node::id)
					.containsExactlyInAnyOrder(1, 2, 3));
			System.out.printf("Node %d back in the in-sync replicas %d ms after its start began%n", leader,
					millis(System.nanoTime() - restarting));
		}
		Map<String, List<Integer>> sent = new HashMap<>();
		for (int record = 0; record < RECORDS; record++) {
			sent.computeIfAbsent(key(record % KEYS), key -> new ArrayList<>()).add(record / KEYS);
		}
		assertThat(readAll()).as("each key's values: no gap, no duplicate, in order").isEqualTo(sent);
	}

	private static void send(KafkaProducer<String, String> producer, int record, AtomicIntegerArray acknowledgements,
			Queue<Long> partitionZeroAcknowledged, Queue<Exception> failures) {
		producer.send(new ProducerRecord<>(TOPIC, key(record % KEYS), Integer.toString(record / KEYS)),
				(metadata, exception) -> {
					if (exception != null) {
						failures.add(exception);
						return;
					}
					acknowledgements.incrementAndGet(record);
					if (metadata.partition() == 0) {
						partitionZeroAcknowledged.add(System.nanoTime());
					}
				});
	}

	private static String key(int key) {
		return "key-" + key;
	}

	private static long longestPause(long from, List<Long> acknowledged) {
		long longest = 0;
		long previous = from;
		for (long at : acknowledged) {
			longest = Math.max(longest, at - previous);
			previous = at;
		}
		return longest;
	}

	private static long millis(long nanos) {
		return TimeUnit.NANOSECONDS.toMillis(nanos);
	}

	private static TopicPartitionInfo partitionZero(Admin admin) throws Exception {
		return admin.describeTopics(List.of(TOPIC))
			.allTopicNames()
			.get(30, TimeUnit.SECONDS)
			.get(TOPIC)
			.partitions()
			.get(0);
	}

	private static Map<String, Object> producerConfig() {
		Map<String, Object> config = new HashMap<>(cluster.adminClientProperties());
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
		config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		return config;
	}

	/** Every record of the topic up to its end: the values of each key in log order. */
	private static Map<String, List<Integer>> readAll() {
		Map<String, Object> config = new HashMap<>(cluster.adminClientProperties());
		config.put("enable.auto.commit", false);
		Map<String, List<Integer>> values = new HashMap<>();
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
			List<TopicPartition> partitions = IntStream.range(0, 3)
				.mapToObj(p -> new TopicPartition(TOPIC, p))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
			while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
				assertThat(System.nanoTime()).as("read to the end within a minute").isLessThan(deadline);
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					values.computeIfAbsent(record.key(), key -> new ArrayList<>())
						.add(Integer.parseInt(record.value()));
				}
			}
		}
		return values;
	}

}
