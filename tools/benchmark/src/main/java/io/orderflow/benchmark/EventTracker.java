package io.orderflow.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.orderflow.probes.kafka.KafkaConnection;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the saga on the topics, not by polling the API: a consumer of its own (no
 * group, every partition assigned, starting at the end) reads the order and payment
 * events.
 *
 * <p>
 * Placed → terminal latency of an order = the {@code ce_time} (occurredAt) of its
 * {@code OrderPlaced}, stamped in order-service's placing transaction, to the timestamp
 * (CreateTime) of its terminal record, stamped when order-service's outbox relay sent it.
 * Both come from the clock of the one order-service JVM, so no clock skew; the span
 * covers both outbox relays, the broker, payment-service and the provider call.
 * CreateTime has millisecond resolution.
 */
final class EventTracker implements AutoCloseable {

	static final String ORDER_TOPIC = "orderflow.order.events";

	static final String PAYMENT_TOPIC = "orderflow.payment.events";

	/**
	 * What the benchmark has seen of one order, in epoch microseconds; 0 while not seen.
	 */
	static final class OrderTimes {

		volatile long placedMicros;

		/** OrderConfirmed or OrderRejected, the outcome of an order left alone. */
		volatile long outcomeMicros;

		/**
		 * OrderCancelled or OrderExpired: the end of a cancelled order (and of any order
		 * past its deadline).
		 */
		volatile long closedMicros;

	}

	private final KafkaConsumer<String, byte[]> consumer;

	private final Map<String, OrderTimes> orders = new ConcurrentHashMap<>();

	private final AtomicLong records = new AtomicLong();

	private final AtomicLong valueBytes = new AtomicLong();

	private final Thread poller;

	private volatile boolean running = true;

	EventTracker(KafkaConnection kafka) {
		Properties config = new Properties();
		config.putAll(kafka.clientProperties());
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		consumer = new KafkaConsumer<>(config);
		List<TopicPartition> partitions = new ArrayList<>();
		for (String topic : List.of(ORDER_TOPIC, PAYMENT_TOPIC)) {
			consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
		}
		consumer.assign(partitions);
		consumer.seekToEnd(partitions);
		partitions.forEach(consumer::position); // resolve the end now, before any order
												// of the benchmark is placed
		poller = Thread.ofPlatform().name("benchmark-event-tracker").daemon().start(this::poll);
	}

	private void poll() {
		while (running) {
			for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
				records.incrementAndGet();
				valueBytes.addAndGet(record.value() == null ? 0 : record.value().length);
				if (record.topic().equals(ORDER_TOPIC) && record.key() != null) {
					observe(record);
				}
			}
		}
		consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
	}

	private void observe(ConsumerRecord<String, byte[]> record) {
		String type = header(record, "ce_type");
		if (type == null) {
			return;
		}
		OrderTimes times = orders.computeIfAbsent(record.key(), key -> new OrderTimes());
		long sentMicros = record.timestamp() * 1000;
		switch (type) {
			case "orderflow.order.placed.v1" -> {
				String occurredAt = header(record, "ce_time");
				Instant placed = occurredAt != null ? Instant.parse(occurredAt)
						: Instant.ofEpochMilli(record.timestamp());
				times.placedMicros = placed.getEpochSecond() * 1_000_000 + placed.getNano() / 1000;
			}
			case "orderflow.order.confirmed.v1", "orderflow.order.rejected.v1" -> {
				if (times.outcomeMicros == 0) {
					times.outcomeMicros = sentMicros;
				}
			}
			case "orderflow.order.cancelled.v1", "orderflow.order.expired.v1" -> {
				if (times.closedMicros == 0) {
					times.closedMicros = sentMicros;
				}
				if (times.outcomeMicros == 0) {
					times.outcomeMicros = sentMicros; // an expired order left alone ends
														// here too
				}
			}
			default -> {
				// OrderCancellationRequested: on the way, not an end
			}
		}
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		Header header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	/**
	 * The time the order ended as its mix intends, in epoch microseconds, or 0 while it
	 * has not.
	 */
	long terminalMicros(String orderId, OrderMix mix) {
		OrderTimes times = orders.get(orderId);
		if (times == null || times.placedMicros == 0) {
			return 0;
		}
		return mix.cancel ? times.closedMicros : times.outcomeMicros;
	}

	long placedMicros(String orderId) {
		OrderTimes times = orders.get(orderId);
		return times == null ? 0 : times.placedMicros;
	}

	/** Records of both topics seen so far (the orders' and the payments'). */
	long records() {
		return records.get();
	}

	long valueBytes() {
		return valueBytes.get();
	}

	@Override
	public void close() throws InterruptedException {
		running = false;
		poller.join(5_000);
	}

}
