package io.orderflow.testsupport.kafka;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether a service's consumer group has caught up with a topic, asked of the broker: tests wait on this before
 * counting what the service did, so that nothing is still on its way.
 */
public final class ConsumerGroupProgress {

	private ConsumerGroupProgress() {
	}

	/** The group's committed offsets reached the end of every partition of the topic (no commit counts as 0). */
	public static boolean caughtUp(Admin admin, String consumerGroup, String topic)
			throws InterruptedException, ExecutionException {
		List<TopicPartition> partitions = admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get()
			.get(topic)
			.partitions()
			.stream()
			.map(info -> new TopicPartition(topic, info.partition()))
			.toList();
		Map<TopicPartition, Long> ends = admin
			.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> OffsetSpec.latest())))
			.all()
			.get()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(consumerGroup)
			.partitionsToOffsetAndMetadata()
			.get();
		return partitions.stream().allMatch(tp -> {
			OffsetAndMetadata offset = committed.get(tp);
			long position = (offset == null) ? 0 : offset.offset();
			return Objects.equals(position, ends.get(tp));
		});
	}

}
