package io.orderflow.payment.payments;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.events.IntegrationEvent;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.events.payment.PaymentDeclinedV2;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.consumer.CloudEventDeserializer;
import io.orderflow.messaging.consumer.ConsumedEvents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worked example of docs/event-evolution.md, step 2 (dual publishing): while
 * payment-service publishes {@code PaymentDeclined} v1 and v2 side by side, a consumer
 * that has not migrated (acts on v1, passes over v2) and one that has (acts on v2, passes
 * over v1) read the same records from the real topic and reach the same decision, each
 * exactly once.
 */
class PaymentDeclinedVersionsIT extends PaymentServiceIntegrationTestBase {

	private final CloudEventDeserializer deserializer = new CloudEventDeserializer(
			ConsumedEvents.of(PaymentEvent.CATALOG), new EventJson());

	@Test
	void anOldConsumerOfV1AndANewConsumerOfV2BothSeeTheDeclineOnceFromTheDualPublishedStream() {
		UUID orderId = UUID.randomUUID();

		publish(orderPlaced(orderId, "pm_card_chargeDeclinedInsufficientFunds"));

		await().atMost(Duration.ofSeconds(20)).until(() -> paymentRecordsFor(orderId).size() == 2);
		awaitQuiet();
		List<IntegrationEvent> stream = paymentRecordsFor(orderId).stream()
			.sorted(Comparator.comparingLong(ConsumerRecord::offset))
			.map(record -> deserializer.deserialize(record.topic(), record.headers(), record.value()))
			.toList();

		List<Decision> oldConsumer = stream.stream().map(this::oldConsumer).flatMap(Optional::stream).toList();
		List<Decision> newConsumer = stream.stream().map(this::newConsumer).flatMap(Optional::stream).toList();

		assertThat(oldConsumer).containsExactly(new Decision(orderId, "insufficient_funds"));
		assertThat(newConsumer).containsExactly(new Decision(orderId, "insufficient_funds"));
		assertThat(stream.getFirst()).as("v1 first, so a v1 reader never waits behind v2")
			.isInstanceOf(PaymentDeclined.class);
		assertThat(stream.getLast()).isInstanceOfSatisfying(PaymentDeclinedV2.class,
				v2 -> assertThat(v2.retryable()).as("insufficient funds may pass later").isTrue());
	}

	/**
	 * A consumer built before the migration: it acts on v1 and passes over v2, a type it
	 * knows but does not use.
	 */
	private Optional<Decision> oldConsumer(IntegrationEvent event) {
		return event instanceof PaymentDeclined v1 ? Optional.of(new Decision(v1.orderId(), v1.reason()))
				: Optional.empty();
	}

	/** A migrated consumer: it acts on v2 and passes over v1. */
	private Optional<Decision> newConsumer(IntegrationEvent event) {
		return event instanceof PaymentDeclinedV2 v2 ? Optional.of(new Decision(v2.orderId(), v2.declineCode()))
				: Optional.empty();
	}

	/**
	 * What a consumer concludes from a decline: this order was declined for this code.
	 */
	record Decision(UUID orderId, String declineCode) {
	}

}
