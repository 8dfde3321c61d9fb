package io.orderflow.notification.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.FunctionCounter;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.mail.simulator.RecipientPolicy;
import io.orderflow.mail.simulator.SmtpServer.ReceivedMail;
import io.orderflow.messaging.consumer.ConsumerFailures;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.messaging.consumer.RecordBatchMetrics;
import io.orderflow.testsupport.deadletter.DeadLetterAssertions;
import io.orderflow.testsupport.deadletter.PoisonRecords;
import io.orderflow.testsupport.kafka.ListenerPause;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * The order events of one poll are applied together (ADR 0024), and a record that cannot
 * be applied in their midst is handled exactly as when records came one at a time: the
 * records before and after it are emailed once, it alone is dead-lettered with its
 * reason, and one order's events keep their order. The listener is paused while the
 * events are published, so that they arrive in one poll.
 */
class BatchedOrderEventsIT extends NotificationServiceIntegrationTestBase {

	/** {@code OrderEventsListener.ID}, the container that reads the order events. */
	private static final String LISTENER = "notification-order-events";

	private static final String CONFIRMED = "orderflow.order.confirmed.v1";

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void poisonInTheMiddleOfAPollIsDeadLetteredAloneAndTheRecordsAroundItAreEmailedOnce() throws Exception {
		UUID before = UUID.randomUUID();
		List<UUID> samePartition = ordersOnThePartitionOf(before, 3);
		UUID refusedOrder = samePartition.get(0);
		UUID garbageOrder = samePartition.get(1);
		UUID after = samePartition.get(2);
		OrderConfirmed refused = confirmed(refusedOrder, "nobody@" + RecipientPolicy.NONEXISTENT_DOMAIN);
		OrderConfirmed garbage = confirmed(garbageOrder);
		double batchesBefore = batches("whole") + batches("one-at-a-time");
		double fellBackBefore = batches("one-at-a-time");
		double recordsBefore = counter(RecordBatchMetrics.RECORDS);

		ListenerPause.whilePaused(listeners, LISTENER, () -> {
			placed(before);
			publish(confirmed(before));
			publish(refused);
			topics.send(PoisonRecords.notJson(garbage, CONFIRMED));
			publish(confirmed(after));
			publish(cancelled(after, true));
		});

		await().atMost(Duration.ofSeconds(30)).until(() -> mailsAbout(after).size() == 2);
		awaitAllOrderEventsConsumed();
		assertThat(mailsAbout(before)).hasSize(1);
		assertThat(mailsAbout(after)).as("one order's outcomes, in their order")
			.extracting(ReceivedMail::messageId)
			.containsExactly("<" + after + ".confirmed@orderflow>", "<" + after + ".cancelled@orderflow>");
		assertThat(mailsAbout(refusedOrder)).isEmpty();
		assertThat(mailsAbout(garbageOrder)).isEmpty();

		List<ConsumerRecord<String, byte[]>> deadLetters = topics.readAll(DEAD_LETTER_TOPIC);
		DeadLetterAssertions assertions = DeadLetterAssertions.of(deadLetters, OrderEvent.TOPIC, CONSUMER_GROUP);
		assertions.assertDeadLettered(refused, PoisonEventException.class, "550 5.1.1 <nobody@nonexistent.test>");
		assertions.assertDeadLettered(garbage, DeserializationException.class,
				"Payload is not a valid " + CONFIRMED + ": Unrecognized token");
		assertThat(deadLetters.stream().filter(deadLetter -> deadLetter.key().equals(refusedOrder.toString())))
			.singleElement()
			.satisfies(deadLetter -> assertThat(header(deadLetter, ConsumerFailures.ATTEMPTS_HEADER))
				.as("poison is not retried")
				.isEqualTo("1"));

		assertThat(batches("one-at-a-time") - fellBackBefore).as("polls that met the poison, applied one at a time")
			.isPositive();
		double polls = batches("whole") + batches("one-at-a-time") - batchesBefore;
		assertThat(counter(RecordBatchMetrics.RECORDS) - recordsBefore).as("records applied in %s polls", polls)
			.isGreaterThan(polls);
	}

	private double batches(String outcome) {
		FunctionCounter counter = meters.find(RecordBatchMetrics.BATCHES).tag("outcome", outcome).functionCounter();
		return counter == null ? 0 : counter.count();
	}

	private double counter(String name) {
		FunctionCounter counter = meters.find(name).functionCounter();
		return counter == null ? 0 : counter.count();
	}

}
