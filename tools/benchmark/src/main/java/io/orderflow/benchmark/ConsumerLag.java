package io.orderflow.benchmark;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** The consumer lag (end offset − committed offset) of the services' consumer groups. */
final class ConsumerLag implements AutoCloseable {

	static final List<String> GROUPS = List.of("order-service", "payment-service", "notification-service");

	private final Admin admin;

	ConsumerLag(String bootstrapServers) {
		Properties config = new Properties();
		config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		admin = Admin.create(config);
	}

	/** Records not yet consumed, per group; -1 for a group when the broker did not answer. */
	Map<String, Long> byGroup() {
		Map<String, Long> lags = new java.util.LinkedHashMap<>();
		for (String group : GROUPS) {
			lags.put(group, of(group));
		}
		return lags;
	}

	static long total(Map<String, Long> byGroup) {
		return byGroup.values().stream().anyMatch(lag -> lag < 0) ? -1
				: byGroup.values().stream().mapToLong(Long::longValue).sum();
	}

	private long of(String group) {
		try {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get(5, TimeUnit.SECONDS);
			Map<TopicPartition, OffsetSpec> latest = committed.keySet()
				.stream()
				.collect(Collectors.toMap(partition -> partition, partition -> OffsetSpec.latest()));
			Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
			long lag = 0;
			for (var entry : committed.entrySet()) {
				if (entry.getValue() != null) {
					lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
				}
			}
			return lag;
		}
		catch (Exception ex) {
			return -1;
		}
	}

	@Override
	public void close() {
		admin.close();
	}

}
