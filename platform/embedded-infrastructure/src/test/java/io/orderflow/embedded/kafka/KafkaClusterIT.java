package io.orderflow.embedded.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.orderflow.embedded.kafka.KafkaTestClients.withShortTimeouts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Three secured nodes form one cluster: a topic is replicated on all of them by default,
 * a user the admin creates once logs in on every node, and a client without a login gets
 * nothing from any of them.
 */
class KafkaClusterIT {

	private static KafkaCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = KafkaCluster.startSecured();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void aTopicIsReplicatedOnEveryNodeAndAWriteNeedsTwo() throws Exception {
		try (Admin admin = Admin.create(cluster.adminClientProperties())) {
			assertThat(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS)).extracting(Node::id)
				.containsExactlyInAnyOrder(1, 2, 3);
			assertThat(admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).voters())
				.hasSize(KafkaCluster.SIZE);
			// no replication factor given: the cluster's default
			admin.createTopics(List.of(new NewTopic("replicated.topic", Optional.of(3), Optional.empty())))
				.all()
				.get(30, TimeUnit.SECONDS);
			// the node asked may learn of the new topic a moment after the controller
			// created it ("does not host this topic-partition"): asked again until it has
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptionsInstanceOf(ExecutionException.class)
				.untilAsserted(() -> {
					TopicDescription topic = admin.describeTopics(List.of("replicated.topic"))
						.allTopicNames()
						.get(30, TimeUnit.SECONDS)
						.get("replicated.topic");
					assertThat(topic.partitions()).hasSize(3).allSatisfy(partition -> {
						assertThat(partition.replicas()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
						assertThat(partition.isr()).extracting(Node::id).containsExactlyInAnyOrder(1, 2, 3);
					});
				});
			ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "replicated.topic");
			Config config = admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
			assertThat(config.get("min.insync.replicas").value()).isEqualTo("2");
		}
	}

	@Test
	void aUserCreatedOnceLogsInOnEveryNode() throws Exception {
		ScramLogin user = ScramLogin.generate("cluster-user");
		try (Admin admin = Admin.create(cluster.adminClientProperties())) {
			KafkaTestClients.createUser(admin, user);
		}
		for (KafkaBroker node : cluster.nodes()) {
			// bootstrapped from this node alone: the login is checked there
			Map<String, Object> config = withShortTimeouts(KafkaBroker.clientProperties(user, node.bootstrapServers()));
			// the user reaches each node's cache asynchronously: until then the login
			// fails
			await().atMost(Duration.ofSeconds(20))
				.ignoreExceptionsInstanceOf(ExecutionException.class)
				.untilAsserted(() -> {
					try (Admin admin = Admin.create(config)) {
						assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS)).hasSize(3);
					}
				});
		}
		ScramLogin stranger = ScramLogin.generate("cluster-user");
		for (KafkaBroker node : cluster.nodes()) {
			try (Admin admin = Admin
				.create(withShortTimeouts(KafkaBroker.clientProperties(stranger, node.bootstrapServers())))) {
				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> admin.describeCluster().nodes().get(20, TimeUnit.SECONDS))
					.withCauseInstanceOf(SaslAuthenticationException.class);
			}
		}
	}

	@Test
	void theClusterOutlivesItsActiveControllerStopping() throws Exception {
		try (Admin admin = Admin.create(cluster.adminClientProperties())) {
			int controller = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId();
			cluster.node(controller).stop();
			long stopped = System.nanoTime();
			try {
				// a new user is a metadata record: written only through an elected
				// controller
				KafkaTestClients.createUser(admin, ScramLogin.generate("after-failover"));
				System.out.printf(
						"Controller failover: node %d stopped, a user created %d ms after its stop returned%n",
						controller, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped));
				assertThat(admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS).leaderId())
					.isNotEqualTo(controller);
			}
			finally {
				cluster.node(controller).start();
			}
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(admin.describeCluster().nodes().get(10, TimeUnit.SECONDS))
					.hasSize(KafkaCluster.SIZE));
		}
	}

	@Test
	void anAnonymousClientGetsNothingFromAnyNode() {
		for (KafkaBroker node : cluster.nodes()) {
			try (Admin admin = Admin.create(withShortTimeouts(Map.of("bootstrap.servers", node.bootstrapServers())))) {
				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
					.withCauseInstanceOf(TimeoutException.class);
			}
		}
	}

}
