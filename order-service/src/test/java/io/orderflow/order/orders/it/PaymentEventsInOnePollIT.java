package io.orderflow.order.orders.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.consumer.ConsumerFailures;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.messaging.consumer.RecordBatchMetrics;
import io.orderflow.order.OrderServiceIntegrationTestBase;
import io.orderflow.testsupport.deadletter.DeadLetterAssertions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Integration: the payment events of one poll are applied together (ADR 0024), and one
 * that cannot be applied in their midst is handled as when records came one at a time:
 * the batch's transaction fails, the records are applied one by one, the ones around the
 * poison move their orders on once, and the poison alone is dead-lettered, with its
 * reason and its single attempt. The listener is paused while the events are published,
 * so that they arrive in one poll.
 */
class PaymentEventsInOnePollIT extends OrderServiceIntegrationTestBase {

	/** {@code PaymentEventsListener.ID}, the container that reads the payment events. */
	private static final String LISTENER = "order-payment-events";

	@Autowired
	private KafkaListenerEndpointRegistry listeners;

	@Autowired
	private MeterRegistry meters;

	@Test
	void aPaymentEventAboutAnUnknownOrderAmidAPollIsDeadLetteredAloneAndTheOthersApplyOnce() {
		double pollsBefore = counter(RecordBatchMetrics.BATCHES);
		double fellBackBefore = fellBack();
		double recordsBefore = counter(RecordBatchMetrics.RECORDS);
		MessageListenerContainer container = listeners.getListenerContainer(LISTENER);
		UUID before;
		UUID after;
		PaymentAuthorized aboutNoOrder = authorized(UUID.randomUUID());
		container.pause();
		try {
			await().atMost(Duration.ofSeconds(10)).until(container::isContainerPaused);
			before = placeOrder(newCustomer("poll-before"));
			after = placeOrder(newCustomer("poll-after"));
			publish(authorized(before));
			publish(aboutNoOrder);
			publish(authorized(after));
		}
		finally {
			container.resume();
		}

		awaitStatus(before, "CONFIRMED");
		awaitStatus(after, "CONFIRMED");
		await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterOf(aboutNoOrder) != null);
		ConsumerRecord<String, byte[]> deadLetter = deadLetterOf(aboutNoOrder);
		DeadLetterAssertions.of(List.of(deadLetter), PaymentEvent.TOPIC, "order-service")
			.assertDeadLettered(aboutNoOrder, PoisonEventException.class,
					"is about an unknown order " + aboutNoOrder.orderId());
		assertThat(header(deadLetter, ConsumerFailures.ATTEMPTS_HEADER)).as("poison is not retried").isEqualTo("1");
		assertThat(processed(aboutNoOrder.eventId())).as("nothing of the poison committed").isFalse();

		assertThat(fellBack() - fellBackBefore).as("polls that met the poison, applied one at a time").isPositive();
		double polls = counter(RecordBatchMetrics.BATCHES) - pollsBefore;
		assertThat(counter(RecordBatchMetrics.RECORDS) - recordsBefore).as("records applied in %s polls", polls)
			.isGreaterThan(polls);
	}

	private static ConsumerRecord<String, byte[]> deadLetterOf(PaymentAuthorized event) {
		return topics.readAll(PAYMENT_DLT)
			.stream()
			.filter(record -> event.eventId().toString().equals(header(record, "ce_id")))
			.findFirst()
			.orElse(null);
	}

	private double fellBack() {
		FunctionCounter counter = meters.find(RecordBatchMetrics.BATCHES)
			.tag("outcome", "one-at-a-time")
			.functionCounter();
		return counter == null ? 0 : counter.count();
	}

	/** The counter's count over all its tags, 0 before it exists. */
	private double counter(String name) {
		return meters.find(name).functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
	}

}
