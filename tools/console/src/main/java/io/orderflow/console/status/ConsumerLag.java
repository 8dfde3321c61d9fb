package io.orderflow.console.status;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far each service's consumer group is behind, from the broker: committed offsets against the ends of the
 * partitions. Unlike the services' own lag metric this is known while a service is down, when the lag grows.
 */
final class ConsumerLag implements AutoCloseable {

	private static final int TIMEOUT_MS = 3_000;

	private final Admin admin;

	ConsumerLag(String bootstrapServers) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.CLIENT_ID_CONFIG, "orderflow-console-admin",
				AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS));
	}

	/**
	 * Lag per group; a group that has committed nothing yet is left out.
	 * @throws KafkaUnavailableException when the broker did not answer in time
	 */
	Map<String, Long> of(Collection<String> groups) {
		Map<String, ListConsumerGroupOffsetsSpec> specs = new LinkedHashMap<>();
		groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
		try {
			var committedByGroup = admin.listConsumerGroupOffsets(specs).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
			Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
			committedByGroup.values().forEach(committed -> committed.keySet()
				.forEach(partition -> wanted.put(partition, OffsetSpec.latest())));
			Map<TopicPartition, ListOffsetsResultInfo> ends = wanted.isEmpty() ? Map.of()
					: admin.listOffsets(wanted).all().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
			Map<String, Long> lag = new LinkedHashMap<>();
			committedByGroup.forEach((group, committed) -> {
				long behind = 0;
				boolean any = false;
				for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
					ListOffsetsResultInfo end = ends.get(entry.getKey());
					if (entry.getValue() != null && end != null) {
						behind += Math.max(0, end.offset() - entry.getValue().offset());
						any = true;
					}
				}
				if (any) {
					lag.put(group, behind);
				}
			});
			return lag;
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new KafkaUnavailableException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new KafkaUnavailableException(ex);
		}
	}

	@Override
	public void close() {
		admin.close(java.time.Duration.ofSeconds(2));
	}

	static final class KafkaUnavailableException extends RuntimeException {

		KafkaUnavailableException(Exception cause) {
			super(cause.toString(), cause, false, false);
		}

	}

}
