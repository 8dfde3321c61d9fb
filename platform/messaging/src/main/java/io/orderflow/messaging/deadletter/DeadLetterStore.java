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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.messaging.consumer.DeadLetterTopics;
import io.orderflow.messaging.consumer.ReplayTopics;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the service's own dead-letter topics ({@link DeadLetterTopics#of} of each
 * consumed topic and the service's consumer group) with a short-lived consumer per
 * request: partitions assigned and sought explicitly, no consumer group, no committed
 * offsets, bounded in records, bytes and time.
 *
 * <p>
 * {@link #offsetRanges()}, which {@link DeadLetterMetrics} calls on every refresh of its
 * gauge, is the exception: it keeps one consumer of the same kind for as long as the
 * store lives ({@link #close()}), because a new consumer logs in anew, and a SASL
 * SCRAM-SHA-512 login (thousands of PBKDF2 iterations on the client and on the broker)
 * and a metadata fetch per scrape cost an idle service most of its CPU.
 *
 * <p>
 * Reading records is bounded in memory twice over: a listing keeps only
 * {@link DeadLetterSummary summaries} of what it reads, and at most
 * {@code concurrentReads} requests read records at a time, each through a consumer that
 * fetches at most {@link #FETCH_MAX_BYTES} at once; a request that finds no free reader
 * within {@link #READER_WAIT} is refused ({@link BusyException}) rather than queued
 * without end.
 */
public class DeadLetterStore implements AutoCloseable {

	/** The most records read from one partition to answer one request. */
	public static final int MAX_SCAN_PER_PARTITION = 10_000;

	/**
	 * What one fetch brings at most (Kafka still returns a larger single record batch
	 * whole).
	 */
	static final int FETCH_MAX_BYTES = 4 * 1024 * 1024;

	static final Duration READER_WAIT = Duration.ofSeconds(2);

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final Map<String, Object> consumerConfig;

	/**
	 * The same, with a client id of its own: Kafka registers each client's metrics under
	 * its id, and a reader closing would unregister those of the long-lived consumer.
	 */
	private final Map<String, Object> rangesConsumerConfig;

	private final Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory;

	private final Map<String, String> sourceByDeadLetterTopic;

	private final String consumerGroup;

	private final Semaphore readers;

	/**
	 * Held while {@link #rangesConsumer} is in use: a Kafka consumer is not safe for use
	 * by more than one thread at a time.
	 */
	private final Lock rangesLock = new ReentrantLock();

	/**
	 * The consumer of {@link #offsetRanges()}, made on first use and kept; {@code null}
	 * before it, after a failure and once closed. Volatile for {@link #close()}, which
	 * wakes it up without the lock.
	 */
	private volatile @Nullable Consumer<byte[], byte[]> rangesConsumer;

	private volatile boolean closed;

	/**
	 * @param concurrentReads how many requests may read records at the same time
	 */
	public DeadLetterStore(Map<String, Object> kafkaConsumerProperties, ConsumedEvents consumed, String consumerGroup,
			int concurrentReads) {
		this(kafkaConsumerProperties, consumed, consumerGroup, concurrentReads, DeadLetterStore::kafkaConsumer);
	}

	/**
	 * @param consumerFactory makes each consumer from the store's consumer configuration
	 * (a test counts them)
	 */
	DeadLetterStore(Map<String, Object> kafkaConsumerProperties, ConsumedEvents consumed, String consumerGroup,
			int concurrentReads, Function<Map<String, Object>, Consumer<byte[], byte[]>> consumerFactory) {
		Map<String, Object> config = new HashMap<>(kafkaConsumerProperties);
		config.remove(ConsumerConfig.GROUP_ID_CONFIG);
		config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
		config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, FETCH_MAX_BYTES);
		config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, consumerGroup + "-dead-letter-reader");
		this.consumerConfig = Map.copyOf(config);
		config.put(ConsumerConfig.CLIENT_ID_CONFIG, consumerGroup + "-dead-letter-offsets");
		this.rangesConsumerConfig = Map.copyOf(config);
		this.consumerFactory = consumerFactory;
		Map<String, String> topics = new LinkedHashMap<>();
		for (String topic : consumed.topics()) {
			topics.put(DeadLetterTopics.of(topic, consumerGroup), topic);
		}
		this.sourceByDeadLetterTopic = Map.copyOf(topics);
		this.consumerGroup = consumerGroup;
		this.readers = new Semaphore(concurrentReads, true);
	}

	/** The service's dead-letter topics, the only ones this store reads. */
	public Collection<String> topics() {
		return sourceByDeadLetterTopic.keySet().stream().sorted().toList();
	}

	/**
	 * The topic whose records a dead-letter topic of this service holds; empty for any
	 * other topic.
	 */
	public Optional<String> sourceTopicOf(String deadLetterTopic) {
		return Optional.ofNullable(sourceByDeadLetterTopic.get(deadLetterTopic));
	}

	/**
	 * Where a dead letter of a dead-letter topic of this service is replayed: the
	 * service's replay topic of its source topic ({@link ReplayTopics}), which only this
	 * service's group reads; empty for any other topic.
	 */
	public Optional<String> replayTopicOf(String deadLetterTopic) {
		return sourceTopicOf(deadLetterTopic).map(source -> ReplayTopics.of(source, consumerGroup));
	}

	/**
	 * One dead letter, its payload whole; empty when the topic is not one of the
	 * service's DLTs or holds no such record.
	 * @throws BusyException when every reader is busy
	 */
	public Optional<DeadLetter> find(String topic, int partition, long offset) {
		if (sourceTopicOf(topic).isEmpty() || partition < 0 || offset < 0) {
			return Optional.empty();
		}
		try (Reader reader = reader()) {
			return reader.find(new TopicPartition(topic, partition), offset);
		}
	}

	/**
	 * Start (inclusive) and end (exclusive) offsets of every partition of the service's
	 * DLTs; reads no record. Asks through the store's long-lived consumer, one caller at
	 * a time; after any failure (a timeout, the broker down, a refused login) that
	 * consumer is closed and the next call makes a fresh one, rather than keep one in an
	 * unknown state.
	 * @throws IllegalStateException once the store is closed
	 */
	public Map<TopicPartition, long[]> offsetRanges() {
		rangesLock.lock();
		try {
			Consumer<byte[], byte[]> consumer = rangesConsumer();
			List<TopicPartition> partitions = partitions(consumer);
			// assigned, never polled: the client keeps what it learns of the offsets of
			// its assigned partitions and logs a warning about any other, at every
			// refresh of the gauge
			consumer.assign(partitions);
			return ranges(consumer, partitions);
		}
		catch (RuntimeException ex) {
			discardRangesConsumer(ex);
			throw ex;
		}
		finally {
			rangesLock.unlock();
		}
	}

	/**
	 * Closes the consumer of {@link #offsetRanges()}. Spring calls it when the context
	 * closes (the inferred destroy method of the bean). A call of {@link #offsetRanges()}
	 * under way is woken up to fail at once rather than hold the shutdown for as long as
	 * a broker that is down takes to time out. Readers are not affected: each request
	 * closes its own.
	 */
	@Override
	public void close() {
		closed = true;
		Consumer<byte[], byte[]> inUse = rangesConsumer;
		if (inUse != null) {
			inUse.wakeup();
		}
		rangesLock.lock();
		try {
			discardRangesConsumer(null);
		}
		finally {
			rangesLock.unlock();
		}
	}

	/**
	 * A reader of records, holding one of the {@code concurrentReads} permits until
	 * closed.
	 * @throws BusyException when none is free within {@link #READER_WAIT}
	 */
	public Reader reader() {
		try {
			if (!readers.tryAcquire(READER_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new BusyException();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BusyException();
		}
		try {
			return new Reader(consumerFactory.apply(consumerConfig));
		}
		catch (RuntimeException ex) {
			readers.release();
			throw ex;
		}
	}

	/**
	 * The consumer of {@link #offsetRanges()}, made when there is none; with
	 * {@link #rangesLock} held. A new one is published before {@link #closed} is read
	 * again, as {@link #close()} sets that before it reads the consumer: a close at the
	 * same time either wakes the new consumer up or is seen here.
	 */
	private Consumer<byte[], byte[]> rangesConsumer() {
		Consumer<byte[], byte[]> consumer = rangesConsumer;
		if (consumer == null) {
			ensureOpen();
			consumer = consumerFactory.apply(rangesConsumerConfig);
			rangesConsumer = consumer;
		}
		ensureOpen();
		return consumer;
	}

	private void ensureOpen() {
		if (closed) {
			throw new IllegalStateException("The dead-letter store is closed");
		}
	}

	/**
	 * Closes the consumer of {@link #offsetRanges()}, if any, so that the next call makes
	 * a fresh one; with {@link #rangesLock} held.
	 * @param failure why, to which a failure to close is added; {@code null} on close
	 */
	private void discardRangesConsumer(@Nullable RuntimeException failure) {
		Consumer<byte[], byte[]> consumer = rangesConsumer;
		rangesConsumer = null;
		if (consumer == null) {
			return;
		}
		try {
			consumer.close();
		}
		catch (RuntimeException ex) {
			if (failure == null) {
				throw ex;
			}
			failure.addSuppressed(ex);
		}
	}

	private Map<TopicPartition, long[]> ranges(Consumer<byte[], byte[]> consumer) {
		return ranges(consumer, partitions(consumer));
	}

	private List<TopicPartition> partitions(Consumer<byte[], byte[]> consumer) {
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : topics()) {
			for (PartitionInfo info : consumer.partitionsFor(topic, TIMEOUT)) {
				partitions.add(new TopicPartition(topic, info.partition()));
			}
		}
		return partitions;
	}

	private static Map<TopicPartition, long[]> ranges(Consumer<byte[], byte[]> consumer,
			List<TopicPartition> partitions) {
		Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, TIMEOUT);
		Map<TopicPartition, Long> end = consumer.endOffsets(partitions, TIMEOUT);
		Map<TopicPartition, long[]> ranges = new LinkedHashMap<>();
		partitions.forEach(tp -> ranges.put(tp, new long[] { begin.get(tp), end.get(tp) }));
		return ranges;
	}

	static Consumer<byte[], byte[]> kafkaConsumer(Map<String, Object> config) {
		return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
	}

	/**
	 * Reads the service's dead-letter topics for one request; close it to free its
	 * permit.
	 */
	public final class Reader implements AutoCloseable {

		private final Consumer<byte[], byte[]> consumer;

		private Reader(Consumer<byte[], byte[]> consumer) {
			this.consumer = consumer;
		}

		/**
		 * Start (inclusive) and end (exclusive) offsets of every partition of the
		 * service's DLTs.
		 */
		public Map<TopicPartition, long[]> ranges() {
			return DeadLetterStore.this.ranges(consumer);
		}

		Optional<DeadLetter> find(TopicPartition tp, long offset) {
			if (consumer.partitionsFor(tp.topic(), TIMEOUT)
				.stream()
				.noneMatch(info -> info.partition() == tp.partition())) {
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

		/**
		 * Reads the offsets {@code [from, until)} of each given partition (at most
		 * {@link #MAX_SCAN_PER_PARTITION} of them, the newest) and keeps, per partition,
		 * a summary of the newest {@code perPartition} dead letters that {@code keep}
		 * accepts. The full records are let go as soon as they are summarised.
		 * @param ranges {@code [from, until)} per partition
		 */
		public Map<TopicPartition, Scanned> newest(Map<TopicPartition, long[]> ranges, int perPartition,
				Predicate<DeadLetter> keep, int previewBytes) {
			Map<TopicPartition, Long> until = new HashMap<>();
			Map<TopicPartition, Deque<DeadLetterSummary>> kept = new LinkedHashMap<>();
			Map<TopicPartition, Boolean> trimmed = new HashMap<>();
			ranges.forEach((tp, range) -> {
				kept.put(tp, new ArrayDeque<>());
				trimmed.put(tp, false);
				long from = Math.max(range[0], range[1] - MAX_SCAN_PER_PARTITION);
				if (from < range[1]) {
					until.put(tp, range[1]);
				}
			});
			if (!until.isEmpty()) {
				consumer.assign(until.keySet());
				until.keySet()
					.forEach(tp -> consumer.seek(tp,
							Math.max(ranges.get(tp)[0], until.get(tp) - MAX_SCAN_PER_PARTITION)));
			}
			// a deadline for progress, not for the whole read: many large dead letters
			// take a while to read
			long deadline = System.nanoTime() + TIMEOUT.toNanos();
			while (!until.isEmpty()) {
				if (System.nanoTime() > deadline) {
					throw new UnavailableException("Timed out reading dead-letter topics " + until.keySet());
				}
				var records = consumer.poll(Duration.ofMillis(200));
				if (!records.isEmpty()) {
					deadline = System.nanoTime() + TIMEOUT.toNanos();
				}
				for (ConsumerRecord<byte[], byte[]> record : records) {
					TopicPartition tp = new TopicPartition(record.topic(), record.partition());
					Long end = until.get(tp);
					if (end == null || record.offset() >= end) {
						continue;
					}
					DeadLetter deadLetter = DeadLetter.of(record);
					if (keep.test(deadLetter)) {
						Deque<DeadLetterSummary> newest = kept.get(tp);
						newest.addFirst(DeadLetterSummary.of(deadLetter, previewBytes));
						if (newest.size() > perPartition) {
							newest.removeLast();
							trimmed.put(tp, true);
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
			Map<TopicPartition, Scanned> scanned = new LinkedHashMap<>();
			kept.forEach((tp, newest) -> scanned.put(tp, new Scanned(List.copyOf(newest), trimmed.get(tp))));
			return scanned;
		}

		@Override
		public void close() {
			try {
				consumer.close();
			}
			finally {
				readers.release();
			}
		}

	}

	/**
	 * @param newestFirst the summaries kept, newest (highest offset) first
	 * @param trimmed whether older ones were accepted but not kept
	 */
	public record Scanned(List<DeadLetterSummary> newestFirst, boolean trimmed) {
	}

	/** Kafka did not answer in time. */
	public static class UnavailableException extends RuntimeException {

		UnavailableException(String message) {
			super(message);
		}

	}

	/** Every reader is busy: the caller should try again shortly. */
	public static class BusyException extends RuntimeException {

		BusyException() {
			super("Too many dead-letter reads at once; try again shortly");
		}

	}

}
