package io.orderflow.localstack;

import io.orderflow.embedded.kafka.KafkaCluster;

/**
 * How many of each the local stack runs: instances of every service, and Kafka brokers.
 *
 * @param instances of each service, 1 to {@value #MAX_INSTANCES}: every topic has three
 * partitions (orderflow.messaging.topics.partitions), and a fourth instance in a consumer
 * group would get none and only idle
 * @param brokers one broker, or a KRaft cluster of {@value KafkaCluster#SIZE} whose
 * topics are replicated on all three nodes with two in sync for a write
 * ({@link KafkaCluster}); two nodes would lose their quorum with either one down
 */
public record StackShape(int instances, int brokers) {

	public static final int MAX_INSTANCES = 3;

	/** One instance of each service, one broker: the demo. */
	public static final StackShape ONE_OF_EACH = new StackShape(1, 1);

	public StackShape {
		if (instances < 1 || instances > MAX_INSTANCES) {
			throw new IllegalArgumentException("Instances of each service: 1 to " + MAX_INSTANCES
					+ " (each topic has three partitions, one per consumer of a group), not " + instances);
		}
		if (brokers != 1 && brokers != KafkaCluster.SIZE) {
			throw new IllegalArgumentException("Kafka brokers: 1 or " + KafkaCluster.SIZE
					+ " (a quorum that outlives one node down), not " + brokers);
		}
	}

	public StackShape withInstances(int instances) {
		return new StackShape(instances, this.brokers);
	}

	public StackShape withBrokers(int brokers) {
		return new StackShape(this.instances, brokers);
	}

	/** Whether the topics are replicated: three brokers. */
	public boolean replicated() {
		return this.brokers > 1;
	}

}
