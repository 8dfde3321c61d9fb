package io.orderflow.messaging.deadletter;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.messaging.consumer.DeadLetterTopics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the service's own dead-letter topics ({@link DeadLetterTopics#of} of each consumed topic and the
 * service's consumer group) with a short-lived consumer per call: partitions assigned and sought explicitly, no
 * consumer group, no committed offsets, bounded in records and time.
 */
public class DeadLetterStore {

	/** The most records read from the end of one partition to answer a listing. */
	static final int MAX_SCAN_PER_PARTITION = 10_000;

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Map<String, Object> consumerConfig;

	private final Map<String, String> sourceByDeadLetterTopic;

	public DeadLetterStore(Map<String, Object> kafkaConsumerProperties, ConsumedEvents consumed, String consumerGroup) {
		Map<String, Object> config = new HashMap<>(kafkaConsumerProperties);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, consumerGroup + "-dead-letter-reader");
		this.consumerConfig = Map.copyOf(config);
		Map<String, String> topics = new LinkedHashMap<>();
		for (String topic : consumed.topics()) {
			topics.put(DeadLetterTopics.of(topic, consumerGroup), topic);
		}
		this.sourceByDeadLetterTopic = Map.copyOf(topics);
	}

	/** The service's dead-letter topics, the only ones this store reads. */
	public Collection<String> topics() {
		return sourceByDeadLetterTopic.keySet().stream().sorted().toList();
	}

	/** The topic whose records a dead-letter topic of this service holds; empty for any other topic. */
	public Optional<String> sourceTopicOf(String deadLetterTopic) {
		return Optional.ofNullable(sourceByDeadLetterTopic.get(deadLetterTopic));
	}

	/** One dead letter; empty when the topic is not one of the service's DLTs or holds no such record. */
	public Optional<DeadLetter> find(String topic, int partition, long offset) {
		if (sourceTopicOf(topic).isEmpty() || partition < 0 || offset < 0) {
			return Optional.empty();
		}
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			TopicPartition tp = new TopicPartition(topic, partition);
			if (consumer.partitionsFor(topic, TIMEOUT).stream().noneMatch(info -> info.partition() == partition)) {
				return Optional.empty();
			}
			long begin = consumer.beginningOffsets(List.of(tp), TIMEOUT).get(tp);
			long end = consumer.endOffsets(List.of(tp), TIMEOUT).get(tp);
			if (offset < begin || offset >= end) {
				return Optional.empty();
			}
			consumer.assign(List.of(tp));
			consumer.seek(tp, offset);
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					if (record.offset() == offset) {
						return Optional.of(DeadLetter.of(record));
					}
					if (record.offset() > offset) {
						return Optional.empty();
					}
				}
			}
			throw new UnavailableException("Timed out reading " + tp + " at offset " + offset);
		}
	}

	/**
	 * The newest records of every partition of the service's DLTs that {@code keep} accepts, at most
	 * {@code limit} per partition.
	 * @param lookBack how many records back from the end of a partition to read, given the partition and its
	 * offset range (capped at {@link #MAX_SCAN_PER_PARTITION})
	 */
	public List<DeadLetter> newest(int limit, LookBack lookBack, Predicate<DeadLetter> keep) {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			Map<TopicPartition, long[]> ranges = ranges(consumer);
			Map<TopicPartition, Long> until = new HashMap<>();
			Map<TopicPartition, Deque<DeadLetter>> kept = new HashMap<>();
			for (var entry : ranges.entrySet()) {
				TopicPartition tp = entry.getKey();
				long begin = entry.getValue()[0];
				long end = entry.getValue()[1];
				long back = Math.min(MAX_SCAN_PER_PARTITION, Math.max(0, lookBack.records(tp, begin, end)));
				long from = Math.max(begin, end - back);
				if (from < end) {
					until.put(tp, end);
					kept.put(tp, new ArrayDeque<>());
					entry.getValue()[0] = from;
				}
			}
			if (until.isEmpty()) {
				return List.of();
			}
			consumer.assign(until.keySet());
			until.keySet().forEach(tp -> consumer.seek(tp, ranges.get(tp)[0]));
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (!until.isEmpty()) {
				if (System.nanoTime() > deadline) {
					throw new UnavailableException("Timed out reading dead-letter topics " + until.keySet());
				}
				for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
					TopicPartition tp = new TopicPartition(record.topic(), record.partition());
					Long end = until.get(tp);
					if (end == null || record.offset() >= end) {
						continue;
					}
					DeadLetter deadLetter = DeadLetter.of(record);
					if (keep.test(deadLetter)) {
						Deque<DeadLetter> newest = kept.get(tp);
						newest.addLast(deadLetter);
						if (newest.size() > limit) {
							newest.removeFirst();
						}
					}
				}
				for (TopicPartition tp : List.copyOf(until.keySet())) {
					if (consumer.position(tp) >= until.get(tp)) {
						until.remove(tp);
						consumer.pause(List.of(tp));
					}
				}
			}
			List<DeadLetter> all = new ArrayList<>();
			kept.values().forEach(all::addAll);
			return all;
		}
	}

	/** Start (inclusive) and end (exclusive) offsets of every partition of the service's DLTs. */
	public Map<TopicPartition, long[]> offsetRanges() {
		try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
			return ranges(consumer);
		}
	}

	private Map<TopicPartition, long[]> ranges(KafkaConsumer<byte[], byte[]> consumer) {
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics()) {
			for (PartitionInfo info : consumer.partitionsFor(topic, TIMEOUT)) {
				partitions.add(new TopicPartition(topic, info.partition()));
			}
		}
		Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
		Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
		Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
		partitions.forEach(tp -> ranges.put(tp, new long[] { begin.get(tp), end.get(tp) }));
		return ranges;
	}

	private KafkaConsumer<byte[], byte[]> consumer() {
		return new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	/** Kafka did not answer in time. */
	public static class UnavailableException extends RuntimeException {

		UnavailableException(String message) {
			super(message);
		}

	}

	@FunctionalInterface
	public interface LookBack {

		long records(TopicPartition partition, long begin, long end);

	}

}
