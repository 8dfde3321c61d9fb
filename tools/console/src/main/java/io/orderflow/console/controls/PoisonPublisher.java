package io.orderflow.console.controls;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.probes.kafka.KafkaConnection;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes one poison record on an event topic: a well-formed CloudEvent of a type no
 * consumer knows. Each consumer of the topic dead-letters it at once with the reason in a
 * header, and its partition keeps flowing (property I6, docs/architecture.md): the
 * visitor sees the record arrive, then on each consumer's dead-letter topic.
 */
final class PoisonPublisher implements AutoCloseable {

	static final Set<String> TOPICS = Set.of(OrderEvent.TOPIC, PaymentEvent.TOPIC);

	static final String TYPE = "orderflow.console.poison.v1";

	private final KafkaConnection connection;

	private KafkaProducer<byte[], byte[]> producer;

	PoisonPublisher(KafkaConnection connection) {
		this.connection = connection;
	}

	/** Where the poison landed. */
	record Published(String topic, int partition, long offset, String key) {
	}

	Published publish(String topic) {
		String key = UUID.randomUUID().toString();
		ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
				"{\"poison\":true,\"note\":\"published by the orderflow console: no consumer knows this type\"}"
					.getBytes(StandardCharsets.UTF_8));
		header(record, "ce_specversion", "1.0");
		header(record, "ce_id", UUID.randomUUID().toString());
		header(record, "ce_source", "/orderflow/console");
		header(record, "ce_type", TYPE);
		header(record, "ce_time", Instant.now().toString());
		header(record, "ce_subject", key);
		header(record, "content-type", "application/json");
		try {
			RecordMetadata sent = producer().send(record).get(10, TimeUnit.SECONDS);
			return new Published(topic, sent.partition(), sent.offset(), key);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw CommandException.unavailable("Kafka did not take the record: " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw CommandException.unavailable("Interrupted while publishing");
		}
	}

	private synchronized KafkaProducer<byte[], byte[]> producer() {
		if (producer == null) {
			Map<String, Object> properties = connection.clientProperties();
			properties.putAll(Map.of(ProducerConfig.CLIENT_ID_CONFIG, "orderflow-console", ProducerConfig.ACKS_CONFIG,
					"all", ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
					ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 9_000, ProducerConfig.LINGER_MS_CONFIG, 0));
			producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
		}
		return producer;
	}

	private static void header(ProducerRecord<byte[], byte[]> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public synchronized void close() {
		if (producer != null) {
			producer.close(java.time.Duration.ofSeconds(2));
		}
	}

}
