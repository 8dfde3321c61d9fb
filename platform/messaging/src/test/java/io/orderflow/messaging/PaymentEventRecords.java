package io.orderflow.messaging;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.cloudevents.CloudEventRecords;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Payment events as another service would publish them to the test application,
 * well-formed or deliberately not, through one producer per test JVM (closed when the JVM
 * exits).
 */
public final class PaymentEventRecords {

	private static KafkaProducer<String, byte[]> producer;

	private PaymentEventRecords() {
	}

	public static PaymentAuthorized authorized(UUID orderId) {
		return new PaymentAuthorized(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), orderId,
				"ch_" + UUID.randomUUID(), new BigDecimal("25.00"), "EUR");
	}

	/** The record the outbox relay would write for the event. */
	public static ProducerRecord<String, byte[]> record(PaymentAuthorized event) {
		ProducerRecord<String, Object> record = CloudEventRecords.of(PaymentEvent.TOPIC, event.orderId().toString(),
				event.eventId(), PaymentEvent.CATALOG.typeOf(event), PaymentEvent.CATALOG.source(), event.occurredAt(),
				new EventJson().write(event));
		return new ProducerRecord<>(record.topic(), null, record.key(), (byte[]) record.value(), record.headers());
	}

	/** Sends and waits for the broker's acknowledgement: where the record was written. */
	public static RecordMetadata send(ProducerRecord<String, byte[]> record) {
		try {
			return producer().send(record).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not publish to " + record.topic(), ex);
		}
	}

	private static synchronized KafkaProducer<String, byte[]> producer() {
		if (producer == null) {
			producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.bootstrapServers()),
					new StringSerializer(), new ByteArraySerializer());
			Runtime.getRuntime().addShutdownHook(new Thread(producer::close, "test-producer-shutdown"));
		}
		return producer;
	}

}
