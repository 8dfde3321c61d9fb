package io.orderflow.probes.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * How far consumer groups are behind, asked of the broker: committed offsets against the
 * ends of the partitions. Unlike a service's own lag metric this is known while the
 * service is down, when the lag grows. The caller owns the {@link Admin} client.
 */
public final class ConsumerGroupLag {

	private final Admin admin;

	private final Duration timeout;

	/**
	 * @param timeout how long each question to the broker may take
	 */
	public ConsumerGroupLag(Admin admin, Duration timeout) {
		this.admin = admin;
		this.timeout = timeout;
	}

	/**
	 * An admin client whose calls give up after {@code timeout}, for a broker that may be
	 * away.
	 */
	public static Admin admin(KafkaConnection connection, String clientId, Duration timeout) {
		int millis = Math.toIntExact(timeout.toMillis());
		Map<String, Object> properties = connection.clientProperties();
		properties.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
		properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
		properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
		return Admin.create(properties);
	}

	/**
	 * Records not yet consumed per group, over the partitions it has committed on; a
	 * group that has committed nothing yet is left out.
	 * @throws BrokerUnavailableException when the broker did not answer in time
	 */
	public Map<String, Long> byGroup(Collection<String> groups) {
		Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
		groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
		Map<String, Map<TopicPartition, OffsetAndMetadata>> committedByGroup = get(
				admin.listConsumerGroupOffsets(specs).all());
		Map<TopicPartition, Long> ends = ends(
				committedByGroup.values().stream().flatMap(committed -> committed.keySet().stream()).toList());
		Map<String, Long> lag = new LinkedHashMap<>();
		committedByGroup.forEach((group, committed) -> {
			long behind = 0;
			boolean any = false;
			for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
				Long end = ends.get(entry.getKey());
				if (entry.getValue() != null && end != null) {
					behind += Math.max(0, end - entry.getValue().offset());
					any = true;
				}
			}
			if (any) {
				lag.put(group, behind);
			}
		});
		return lag;
	}

	/**
	 * Records of the topic the group has not consumed yet, over every partition of the
	 * topic: a partition the group never committed on counts from its start.
	 * @throws BrokerUnavailableException when the broker did not answer in time
	 */
	public long onTopic(String group, String topic) {
		List<TopicPartition> partitions = get(admin.describeTopics(List.of(topic)).allTopicNames()).get(topic)
			.partitions()
			.stream()
			.map(info -> new TopicPartition(topic, info.partition()))
			.toList();
		Map<TopicPartition, Long> ends = ends(partitions);
		Map<TopicPartition, OffsetAndMetadata> committed = get(
				admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
		long behind = 0;
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata offset = committed.get(partition);
			behind += Math.max(0, ends.get(partition) - ((offset == null) ? 0 : offset.offset()));
		}
		return behind;
	}

	private Map<TopicPartition, Long> ends(Collection<TopicPartition> partitions) {
		if (partitions.isEmpty()) {
			return Map.of();
		}
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
		Map<TopicPartition, Long> ends = new HashMap<>();
		get(admin.listOffsets(latest).all()).forEach((partition, info) -> ends.put(partition, info.offset()));
		return ends;
	}

	private <T> T get(KafkaFuture<T> answer) {
		try {
			return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new BrokerUnavailableException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BrokerUnavailableException(ex);
		}
	}

	/** The broker did not answer in time; no stack trace, it is a state, not a bug. */
	public static final class BrokerUnavailableException extends RuntimeException {

		BrokerUnavailableException(Exception cause) {
			super(cause.toString(), cause, false, false);
		}

	}

}
