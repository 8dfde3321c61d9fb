package io.orderflow.probes.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.embedded.kafka.KafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * On a real broker: a topic of two partitions with three and two records, and groups
 * whose committed offsets are set through the admin API as a consumer would commit them.
 */
class ConsumerGroupLagTest {

	private static final String TOPIC = "probes.lag";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static KafkaBroker broker;

	private static Admin admin;

	@BeforeAll
	static void startBroker() throws Exception {
		broker = KafkaBroker.startSecured(0);
		KafkaConnection connection = new KafkaConnection(broker.bootstrapServers(), broker.adminLogin().username(),
				broker.adminLogin().password());
		admin = ConsumerGroupLag.admin(connection, "probes-test", TIMEOUT);
		admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
		try (var producer = new KafkaProducer<>(connection.clientProperties(), new StringSerializer(),
				new StringSerializer())) {
			for (int i = 0; i < 3; i++) {
				producer.send(new ProducerRecord<>(TOPIC, 0, "k", "p0-" + i)).get();
			}
			for (int i = 0; i < 2; i++) {
				producer.send(new ProducerRecord<>(TOPIC, 1, "k", "p1-" + i)).get();
			}
		}
		commit("halfway", Map.of(0, 1L, 1, 2L));
		commit("one-partition", Map.of(1, 1L));
		commit("caught-up", Map.of(0, 3L, 1, 2L));
	}

	@AfterAll
	static void stopBroker() {
		if (admin != null) {
			admin.close();
		}
		if (broker != null) {
			broker.close();
		}
	}

	@Test
	void lagPerGroupIsWhatIsLeftOnThePartitionsItCommittedOnAndAGroupWithoutCommitsIsLeftOut() {
		Map<String, Long> lag = new ConsumerGroupLag(admin, TIMEOUT)
			.byGroup(List.of("halfway", "one-partition", "caught-up", "never-committed"));

		assertThat(lag).containsOnly(Map.entry("halfway", 2L), Map.entry("one-partition", 1L),
				Map.entry("caught-up", 0L));
	}

	@Test
	void lagOnATopicCountsAPartitionNeverCommittedOnFromItsStart() {
		ConsumerGroupLag lag = new ConsumerGroupLag(admin, TIMEOUT);

		assertThat(lag.onTopic("halfway", TOPIC)).isEqualTo(2);
		assertThat(lag.onTopic("one-partition", TOPIC)).isEqualTo(4);
		assertThat(lag.onTopic("never-committed", TOPIC)).isEqualTo(5);
		assertThat(lag.onTopic("caught-up", TOPIC)).isZero();
	}

	@Test
	void aBrokerThatDoesNotAnswerIsSaidSoWithinTheTimeout() throws IOException {
		Duration timeout = Duration.ofMillis(500);
		try (Admin nowhere = ConsumerGroupLag.admin(
				new KafkaConnection("127.0.0.1:" + closedPort(), "nobody", "nothing"), "probes-test-nowhere",
				timeout)) {
			assertThatExceptionOfType(ConsumerGroupLag.BrokerUnavailableException.class)
				.isThrownBy(() -> new ConsumerGroupLag(nowhere, timeout).byGroup(List.of("any")));
		}
	}

	private static void commit(String group, Map<Integer, Long> offsets) throws Exception {
		Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
		offsets.forEach((partition, offset) -> committed.put(new TopicPartition(TOPIC, partition),
				new OffsetAndMetadata(offset)));
		admin.alterConsumerGroupOffsets(group, committed).all().get();
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
