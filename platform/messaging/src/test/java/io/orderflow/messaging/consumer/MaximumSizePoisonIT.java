package io.orderflow.messaging.consumer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.Infrastructure;
import io.orderflow.messaging.MessagingIntegrationTest;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.TestEffects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.DefaultRecord;
import org.apache.kafka.common.record.DefaultRecordBatch;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.orderflow.messaging.Infrastructure.header;
import static io.orderflow.messaging.PaymentEventRecords.authorized;
import static io.orderflow.messaging.PaymentEventRecords.record;
import static io.orderflow.messaging.PaymentEventRecords.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A poison record as large as its topic allows, not a byte less, is dead-lettered whole
 * on a real broker: its copy with the dead-letter headers is larger than the topic's
 * limit, and the dead-letter topic and the producer make room for it. The record after it
 * on the same partition is processed.
 */
class MaximumSizePoisonIT extends MessagingIntegrationTest {

	private static final String DLT = DeadLetterTopics.of(PaymentEvent.TOPIC, "messaging-it");

	private static final Duration SOON = Duration.ofSeconds(30);

	@Autowired
	MessagingProperties properties;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aPoisonRecordOfTheTopicsMaximumSizeIsDeadLetteredWholeAndThePartitionFlows() throws Exception {
		int maximum = (int) properties.topics().maxMessageSize().toBytes();
		UUID orderId = UUID.randomUUID();
		Headers headers = record(authorized(orderId)).headers();
		byte[] largest = valueFilling(maximum, orderId.toString(), headers.toArray());

		try (KafkaProducer<String, byte[]> producer = producerOfAnySize(maximum)) {
			assertThatThrownBy(() -> publish(producer, orderId, Arrays.copyOf(largest, largest.length + 1), headers))
				.as("one byte more than the topic's maximum")
				.hasCauseInstanceOf(RecordTooLargeException.class);
			publish(producer, orderId, largest, headers);
		}
		PaymentAuthorized next = authorized(orderId);
		send(record(next));

		await().atMost(SOON).until(() -> TestEffects.processed(jdbc, next));
		ConsumerRecord<String, byte[]> deadLetter = await().atMost(SOON)
			.until(() -> Infrastructure.firstWithKey(DLT, orderId.toString()), found -> found != null);
		assertThat(deadLetter.value()).isEqualTo(largest);
		assertThat(header(deadLetter, ConsumerFailures.REASON_HEADER)).contains("exceeds the limit");
		assertThat(header(deadLetter, "kafka_dlt-exception-stacktrace")).isNotBlank();
		assertThat(batchSize(deadLetter.key(), deadLetter.value(), deadLetter.headers().toArray()))
			.as("the dead letter is larger than its source topic takes, within what its own topic takes")
			.isGreaterThan(maximum)
			.isLessThanOrEqualTo(properties.topics().deadLetterMaxMessageBytes());
	}

	/**
	 * Random bytes (nothing to compress), as many as make the record's batch exactly
	 * {@code maximum} bytes: the most the broker accepts ({@code max.message.bytes}
	 * bounds a batch, and the producer sends this record alone).
	 */
	private static byte[] valueFilling(int maximum, String key, Header[] headers) {
		byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
		int length = maximum - DefaultRecordBatch.RECORD_BATCH_OVERHEAD;
		while (length > 0 && batchSize(keyBytes, new byte[length], headers) > maximum) {
			length--;
		}
		byte[] value = new byte[length];
		new Random(42).nextBytes(value);
		assertThat(batchSize(keyBytes, value, headers)).isEqualTo(maximum);
		return value;
	}

	private static int batchSize(String key, byte[] value, Header[] headers) {
		return batchSize(key.getBytes(StandardCharsets.UTF_8), value, headers);
	}

	private static int batchSize(byte[] key, byte[] value, Header[] headers) {
		return DefaultRecordBatch.RECORD_BATCH_OVERHEAD
				+ DefaultRecord.sizeInBytes(0, 0, ByteBuffer.wrap(key), ByteBuffer.wrap(value), headers);
	}

	/**
	 * A producer that leaves the limit to the broker, as a careless one configured with a
	 * larger limit would.
	 */
	private static KafkaProducer<String, byte[]> producerOfAnySize(int maximum) {
		return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.bootstrapServers(),
				ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * maximum, ProducerConfig.BUFFER_MEMORY_CONFIG, 8L * maximum),
				new StringSerializer(), new ByteArraySerializer());
	}

	private static void publish(KafkaProducer<String, byte[]> producer, UUID orderId, byte[] value, Headers headers)
			throws InterruptedException, ExecutionException, TimeoutException {
		producer.send(new ProducerRecord<>(PaymentEvent.TOPIC, null, orderId.toString(), value, headers))
			.get(30, TimeUnit.SECONDS);
	}

}
