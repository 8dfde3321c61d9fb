package io.orderflow.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.cloudevents.CloudEventRecords;
import io.orderflow.probes.kafka.KafkaConnection;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events the way the outbox relay does (or deliberately broken records), and
 * reads topics from the beginning, for tests that play the part of another service.
 */
public final class TopicClient implements AutoCloseable {

	private final KafkaConnection connection;

	private final EventJson json = new EventJson();

	private final KafkaProducer<String, byte[]> producer;

	/**
	 * @param connection the broker and a user that may write the topics the test
	 * publishes to and read those it reads (in tests, its administrator)
	 */
	public TopicClient(KafkaConnection connection) {
		this.connection = connection;
		Map<String, Object> properties = connection.clientProperties();
		properties.put(ProducerConfig.ACKS_CONFIG, "all");
		properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
		// large enough to probe the topics' own record size limit with oversized records
		properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
		this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
	}

	/** Publishes a well-formed event on its family's topic, keyed by its aggregate id. */
	public <E extends IntegrationEvent> void publish(EventCatalog<E> catalog, E event) {
		ProducerRecord<String, Object> record = CloudEventRecords.of(catalog.topic(), event.aggregateId().toString(),
				event.eventId(), catalog.typeOf(event), catalog.source(), event.occurredAt(), json.write(event));
		send(new ProducerRecord<>(record.topic(), null, record.key(), (byte[]) record.value(), record.headers()));
	}

	/** Publishes any record, for poison and edge cases. */
	public void send(ProducerRecord<String, byte[]> record) {
		try {
			producer.send(record).get(30, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish to " + record.topic(), ex);
		}
	}

	/** Everything on the topic right now, from offset 0 of every partition. */
	public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
		Map<String, Object> properties = connection.clientProperties();
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer());
		try {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
			while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Could not read " + topic + " to its end in time");
				}
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
		finally {
			// without waiting: a reader has nothing to commit, and a close that waits
			// takes at least fetch.max.wait.ms (500 ms, KAFKA-19884) to end its fetch
			// session, on every read, of which a test class makes dozens
			consumer.close(CloseOptions.timeout(Duration.ZERO));
		}
	}

	/**
	 * The events of the catalog's topic, deserialised (records that are not valid events
	 * are skipped).
	 */
	public <E extends IntegrationEvent> List<E> events(EventCatalog<E> catalog) {
		List<E> events = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : readAll(catalog.topic())) {
			var type = record.headers().lastHeader("ce_type");
			if (type == null) {
				continue;
			}
			catalog.classOf(new String(type.value())).ifPresent(eventClass -> {
				try {
					events.add(json.read(record.value(), eventClass));
				}
				catch (RuntimeException ex) {
					// not a valid event: poison records published by the test itself
				}
			});
		}
		return events;
	}

	@Override
	public void close() {
		producer.close(Duration.ofSeconds(5));
	}

}
