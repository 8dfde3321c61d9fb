package io.orderflow.messaging.consumer;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.orderflow.events.payment.PaymentEvent;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Counts the offset commits of this JVM's consumers that include a partition of
 * {@link #TOPIC}: the Kafka client calls every consumer's interceptors once per commit
 * the broker acknowledged. Configured for the test application
 * ({@code spring.kafka.consumer.properties.interceptor.classes}).
 */
public class OffsetCommitCounter implements ConsumerInterceptor<Object, Object> {

	static final String TOPIC = PaymentEvent.TOPIC;

	private static final AtomicInteger COMMITS = new AtomicInteger();

	static int commits() {
		return COMMITS.get();
	}

	@Override
	public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
		if (offsets.keySet().stream().anyMatch(partition -> partition.topic().equals(TOPIC))) {
			COMMITS.incrementAndGet();
		}
	}

	@Override
	public ConsumerRecords<Object, Object> onConsume(ConsumerRecords<Object, Object> records) {
		return records;
	}

	@Override
	public void close() {
	}

	@Override
	public void configure(Map<String, ?> configs) {
	}

}
