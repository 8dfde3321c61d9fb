package io.orderflow.console.events;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.orderflow.probes.kafka.KafkaConnection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every orderflow topic (the producers' topics and the consumers' dead-letter
 * topics) into the {@link EventLog} and the {@link OrderBoard}. In its own consumer
 * group, which never commits: each start reads a bounded recent window of each partition
 * and then follows the end, so the console is never behind by more than that and never
 * slows or disturbs the services' groups.
 */
public final class EventFeed implements AutoCloseable {

	/**
	 * Every topic of the system: {@code orderflow.order.events},
	 * {@code ...payment-service.dlt}, ...
	 */
	static final Pattern TOPICS = Pattern.compile("orderflow\\..+");

	private static final Logger log = LoggerFactory.getLogger(EventFeed.class);

	private final KafkaConsumer<byte[], byte[]> consumer;

	private final int window;

	private final EventLog events;

	private final OrderBoard board;

	/**
	 * Next offset to read per partition, so a rebalance (e.g. after a broker restart)
	 * does not read twice.
	 */
	private final Map<TopicPartition, Long> next = new HashMap<>();

	private final Thread thread;

	private volatile boolean running = true;

	private long sequence;

	/**
	 * @param window how many of the most recent records of each partition to read at
	 * start
	 */
	public EventFeed(KafkaConnection kafka, String groupId, int window, EventLog events, OrderBoard board) {
		this.window = window;
		this.events = events;
		this.board = board;
		this.consumer = new KafkaConsumer<>(properties(kafka, groupId), new ByteArrayDeserializer(),
				new ByteArrayDeserializer());
		this.thread = Thread.ofPlatform().daemon().name("console-event-feed").unstarted(this::run);
	}

	public synchronized EventFeed start() {
		thread.start();
		return this;
	}

	private static Properties properties(KafkaConnection kafka, String groupId) {
		Properties properties = new Properties();
		properties.putAll(kafka.clientProperties());
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
		properties.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId);
		// a viewer: no offsets are committed, where to start is decided on assignment
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
		properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
		// dead-letter topics appear when a service declares them: notice them within
		// seconds
		properties.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 5_000);
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		// offsets looked up on assignment must not hold the reader up for a minute while
		// the broker is away
		properties.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
		return properties;
	}

	private void run() {
		try {
			consumer.subscribe(TOPICS, new StartFromRecentWindow());
			while (running) {
				try {
					for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
						accept(record);
					}
				}
				catch (WakeupException | InterruptException ex) {
					break;
				}
				catch (KafkaException ex) {
					// the broker away (a fault the visitor injected, perhaps): keep
					// trying, as the services do
					log.warn("Reading Kafka failed, retrying: {}", ex.toString());
					pause();
				}
			}
		}
		finally {
			consumer.close(Duration.ofSeconds(2));
		}
	}

	private void pause() {
		try {
			Thread.sleep(1_000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

	private void accept(ConsumerRecord<byte[], byte[]> record) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		next.put(partition, record.offset() + 1);
		ObservedEvent.Parsed parsed = ObservedEvent.parse(sequence++, record);
		events.add(parsed.event());
		if (EventTypes.isEventTopic(record.topic())) {
			board.apply(parsed);
		}
	}

	/**
	 * Stops reading; returns once the consumer has left its group, or after a few
	 * seconds.
	 */
	@Override
	public synchronized void close() {
		running = false;
		if (thread.getState() == Thread.State.NEW) {
			consumer.close(Duration.ZERO);
			return;
		}
		consumer.wakeup();
		try {
			thread.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * On assignment: continue where this console left off, otherwise read the last
	 * {@code window} records.
	 */
	private final class StartFromRecentWindow implements ConsumerRebalanceListener {

		@Override
		public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
			if (partitions.isEmpty()) {
				return;
			}
			Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			for (TopicPartition partition : partitions) {
				long from = Math.max(begin.getOrDefault(partition, 0L), end.getOrDefault(partition, 0L) - window);
				consumer.seek(partition, Math.max(from, next.getOrDefault(partition, from)));
			}
		}

		@Override
		public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
			// nothing committed, nothing to do
		}

	}

}
