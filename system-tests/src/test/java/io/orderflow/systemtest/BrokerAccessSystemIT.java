package io.orderflow.systemtest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.localstack.LocalStack;
import io.orderflow.probes.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The local stack's broker as a stranger and as each of its users sees it (I10): no
 * anonymous client gets in, a wrong password is refused, and a service may not write what
 * another service publishes, so nobody can forge a {@code PaymentAuthorized} or an order
 * event without the credentials of the service that owns the topic. No write here
 * succeeds: the services' consumers never see these records. The ACLs themselves are
 * derived from the AsyncAPI document and checked against it in platform/messaging
 * ({@code LeastPrivilegeAclsTest}, {@code BrokerAccessIT}); here it is the stack a new
 * user runs.
 */
class BrokerAccessSystemIT {

	private static final Duration REFUSAL_WITHIN = Duration.ofSeconds(5);

	private static LocalStack stack;

	@BeforeAll
	static void startSystem() {
		stack = SystemUnderTest.stack();
	}

	@Test
	void anAnonymousClientIsRefused() {
		Map<String, Object> anonymous = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				stack.kafkaBootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
				(int) REFUSAL_WITHIN.toMillis(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				(int) REFUSAL_WITHIN.toMillis());
		try (Admin admin = Admin.create(anonymous)) {
			// a plaintext client on a SASL listener gets no answer it understands: the
			// broker closes the connection, and the call gives up
			assertThatThrownBy(() -> admin.listTopics().names().get(30, TimeUnit.SECONDS))
				.isInstanceOf(ExecutionException.class);
		}
	}

	@Test
	void aWrongPasswordIsRefused() {
		KafkaConnection impostor = stack.kafkaAs("payment-service").as("payment-service", "notTheRealPassword1");
		try (KafkaProducer<byte[], byte[]> producer = producer(impostor)) {
			assertThatThrownBy(() -> producer.send(record(OrderEvent.TOPIC)).get(30, TimeUnit.SECONDS))
				.hasCauseInstanceOf(SaslAuthenticationException.class);
		}
	}

	@Test
	void paymentServiceCannotForgeAnOrderEvent() {
		try (KafkaProducer<byte[], byte[]> producer = producer(stack.kafkaAs("payment-service"))) {
			assertThatThrownBy(() -> producer.send(record(OrderEvent.TOPIC)).get(30, TimeUnit.SECONDS))
				.hasCauseInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void orderServiceCannotForgeAPaymentAuthorized() {
		try (KafkaProducer<byte[], byte[]> producer = producer(stack.kafkaAs("order-service"))) {
			assertThatThrownBy(() -> producer.send(record(PaymentEvent.TOPIC)).get(30, TimeUnit.SECONDS))
				.hasCauseInstanceOf(TopicAuthorizationException.class);
		}
	}

	@Test
	void theConsoleReadsEveryEventTopicAndWritesNone() {
		KafkaConnection console = stack.kafkaAs("console");
		// no group: nothing committed that the running console would start from
		try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(console.clientProperties(),
				new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = List.of(new TopicPartition(OrderEvent.TOPIC, 0),
					new TopicPartition(PaymentEvent.TOPIC, 0));
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			assertThat(consumer.endOffsets(partitions)).containsOnlyKeys(partitions);
			assertThat(consumer.position(partitions.get(0))).isZero();
			consumer.poll(Duration.ofMillis(500));
		}
		try (KafkaProducer<byte[], byte[]> producer = producer(console)) {
			// a user that may write no topic at all is refused even the idempotent
			// producer's id (a cluster authorization), before any topic is asked about
			assertThatThrownBy(() -> producer.send(record(PaymentEvent.TOPIC)).get(30, TimeUnit.SECONDS))
				.hasCauseInstanceOf(AuthorizationException.class);
		}
	}

	private static KafkaProducer<byte[], byte[]> producer(KafkaConnection connection) {
		Map<String, Object> properties = connection.clientProperties();
		properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
		properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
		return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
	}

	/**
	 * Not an event any consumer would accept: should a write get through, the services
	 * dead-letter it instead of acting on it.
	 */
	private static ProducerRecord<byte[], byte[]> record(String topic) {
		return new ProducerRecord<>(topic, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8),
				"{\"forged\":true}".getBytes(StandardCharsets.UTF_8));
	}

}
