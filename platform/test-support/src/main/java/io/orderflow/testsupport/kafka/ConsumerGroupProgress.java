package io.orderflow.testsupport.kafka;

import java.time.Duration;

import io.orderflow.probes.kafka.ConsumerGroupLag;
import org.apache.kafka.clients.admin.Admin;

/**
 * Whether a service's consumer group has caught up with a topic, asked of the broker:
 * tests wait on this before counting what the service did, so that nothing is still on
 * its way.
 */
public final class ConsumerGroupProgress {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private ConsumerGroupProgress() {
	}

	/**
	 * The group's committed offsets reached the end of every partition of the topic (no
	 * commit counts as 0).
	 */
	public static boolean caughtUp(Admin admin, String consumerGroup, String topic) {
		return new ConsumerGroupLag(admin, TIMEOUT).onTopic(consumerGroup, topic) == 0;
	}

}
