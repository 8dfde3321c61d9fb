package io.orderflow.notification.notifications.messaging;

import java.nio.ByteBuffer;
import java.util.Optional;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.messaging.cloudevents.CloudEventRecords;
import io.orderflow.messaging.consumer.ConsumerFailures;
import io.orderflow.messaging.consumer.DeadLetterPublishing;
import io.orderflow.notification.notifications.DeferredEmail;
import io.orderflow.notification.notifications.Notification;
import io.orderflow.notification.notifications.UndeliverableEmails;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

/**
 * Dead-letters the order event behind an email that cannot be delivered, exactly as the
 * consumer's error handler dead-letters a record (platform/messaging's
 * {@code MessagingAutoConfiguration}): spring-kafka's
 * {@link DeadLetterPublishingRecoverer} to {@code <topic>.<group>.dlt}, with the
 * {@code kafka_dlt-*} headers of the original record and the consumer group,
 * {@code orderflow_dlt-reason} and {@code orderflow_dlt-attempts}
 * ({@link ConsumerFailures}). The record is the event as its producer published it: key,
 * CloudEvents headers and JSON payload; so an operator inspects and replays it through
 * {@code /admin/dead-letters} like any other.
 *
 * <p>
 * The only code of notification-service that writes to Kafka: it publishes nothing of its
 * own, only hands back what it consumed, as the error handler does.
 */
@Component
class EmailDeadLetters implements UndeliverableEmails {

	private final String group;

	private final DeadLetterPublishingRecoverer recoverer;

	EmailDeadLetters(KafkaTemplate<String, Object> kafka, KafkaProperties kafkaProperties) {
		this.group = kafkaProperties.getConsumer().getGroupId();
		// the error handler's own recoverer: the same topic, the same bounded headers
		this.recoverer = DeadLetterPublishing.recoverer(kafka, group);
	}

	/**
	 * Waits for Kafka's acknowledgement: the recoverer fails if the dead letter was not
	 * written.
	 */
	@Override
	public void deadLetter(DeferredEmail email, String reason) {
		recoverer.accept(asConsumed(email), null, new ListenerExecutionFailedException("Email undeliverable", group,
				new UndeliverableEmailException(reason)));
	}

	/**
	 * The event as the consumer read it: where, under which key, with which headers and
	 * payload; with the number of answers the mail server gave as its delivery attempts,
	 * which the dead letter reports.
	 */
	static ConsumerRecord<String, byte[]> asConsumed(DeferredEmail email) {
		Notification notification = email.email();
		DeferredEmail.CausingEvent cause = email.cause();
		String key = notification.orderId().toString();
		Headers headers = CloudEventRecords
			.of(OrderEvent.TOPIC, key, notification.eventId(), cause.type(), OrderEvent.CATALOG.source(),
					cause.occurredAt(), cause.payload())
			.headers();
		headers.add(KafkaHeaders.DELIVERY_ATTEMPT, ByteBuffer.allocate(Integer.BYTES).putInt(email.attempts()).array());
		return new ConsumerRecord<>(OrderEvent.TOPIC, cause.partition(), cause.offset(),
				cause.occurredAt().toEpochMilli(), TimestampType.CREATE_TIME, key.length(), cause.payload().length, key,
				cause.payload(), headers, Optional.empty());
	}

}
