package io.orderflow.localstack;

import io.orderflow.embedded.kafka.KafkaCluster;
import io.orderflow.embedded.network.IsolatedHost;

/**
 * How many of each the local stack runs: instances of every service, and Kafka brokers.
 *
 * @param instances of each service, 1 to {@value #MAX_INSTANCES}: every topic has three
 * partitions (orderflow.messaging.topics.partitions), and a fourth instance in a consumer
 * group would get none and only idle
 * @param brokers one broker, or a KRaft cluster of {@value KafkaCluster#SIZE} whose
 * topics are replicated on all three nodes with two in sync for a write
 * ({@link KafkaCluster}); two nodes would lose their quorum with either one down
 * @param isolatedPayment whether the last payment-service instance runs on an
 * {@link IsolatedHost} of its own, whose links to the broker and the database a test can
 * cut (root only); its peers run on this machine's loopback interface
 */
public record StackShape(int instances, int brokers, boolean isolatedPayment) {

	public static final int MAX_INSTANCES = 3;

	/** One instance of each service, one broker: the demo. */
	public static final StackShape ONE_OF_EACH = new StackShape(1, 1);

	public StackShape(int instances, int brokers) {
		this(instances, brokers, false);
	}

	public StackShape {
		if (instances < 1 || instances > MAX_INSTANCES) {
			throw new IllegalArgumentException("Instances of each service: 1 to " + MAX_INSTANCES
					+ " (each topic has three partitions, one per consumer of a group), not " + instances);
		}
		if (brokers != 1 && brokers != KafkaCluster.SIZE) {
			throw new IllegalArgumentException("Kafka brokers: 1 or " + KafkaCluster.SIZE
					+ " (a quorum that outlives one node down), not " + brokers);
		}
		if (isolatedPayment && instances < 2) {
			throw new IllegalArgumentException(
					"An isolated payment-service instance needs a peer: 2 or more instances");
		}
	}

	public StackShape withInstances(int instances) {
		return new StackShape(instances, this.brokers, this.isolatedPayment);
	}

	public StackShape withBrokers(int brokers) {
		return new StackShape(this.instances, brokers, this.isolatedPayment);
	}

	/** The last payment-service instance on an isolated host of its own. */
	public StackShape withIsolatedPayment() {
		return new StackShape(this.instances, this.brokers, true);
	}

	/** Whether the topics are replicated: three brokers. */
	public boolean replicated() {
		return this.brokers > 1;
	}

}
