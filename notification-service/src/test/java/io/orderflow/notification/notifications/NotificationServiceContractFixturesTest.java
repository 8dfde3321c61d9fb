package io.orderflow.notification.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.orderflow.events.order.OrderCancelled;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderRejected;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.consumer.CloudEventDeserializer;
import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.testsupport.contracts.ConsumerContract;
import io.orderflow.testsupport.contracts.ConsumerContractTests;
import io.orderflow.testsupport.contracts.ContractFixture;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * notification-service's consumer contracts: the sample order events it keeps in
 * {@code src/test/resources/contracts/order-service/} are still what order-service
 * publishes (its committed schemas and records in shared-events, checked here, in
 * notification-service's own build), are read by the real deserializer, as the listener
 * receives them, and every outcome becomes the customer's email while the rest makes none
 * (a {@code *--passed-over.json} fixture pins that such a type is still read without
 * failing). No Spring context, no broker, no mail server.
 */
class NotificationServiceContractFixturesTest implements ConsumerContractTests {

	private static final String PRODUCER = "order-service";

	private static final String PASSED_OVER = "--passed-over";

	private static final Instant NOW = Instant.parse("2025-06-02T16:20:00Z");

	/**
	 * As {@code NotificationMessagingConfiguration} declares: the service reads the order
	 * lifecycle.
	 */
	private final CloudEventDeserializer deserializer = new CloudEventDeserializer(
			ConsumedEvents.of(OrderEvent.CATALOG), new EventJson());

	@Override
	public ConsumerContract consumerContract() {
		// every outcome, and one type it passes over
		return ConsumerContract.of("notification-service", "orderflow.order.confirmed.v1",
				"orderflow.order.rejected.v1", "orderflow.order.cancelled.v1", "orderflow.order.expired.v1",
				"orderflow.order.placed.v1");
	}

	static List<ContractFixture> fixtures() {
		return ContractFixture.all();
	}

	@Test
	void everyOutcomeHasAFixtureAndAPassedOverTypeIsPinned() {
		List<OrderEvent> events = fixtures().stream().map(this::read).toList();

		assertThat(fixtures()).allSatisfy(fixture -> assertThat(fixture.producer()).isEqualTo(PRODUCER))
			.extracting(ContractFixture::name)
			.anyMatch(name -> name.contains(PASSED_OVER));
		assertThat(events.stream()
			.flatMap(event -> Emails.compose(event, NOW).stream())
			.map(Notification::outcome)
			.collect(Collectors.toCollection(() -> EnumSet.noneOf(Outcome.class))))
			.as("outcomes emailed from the fixtures")
			.containsExactlyInAnyOrder(Outcome.values());
		assertThat(events.stream()
			.filter(OrderCancelled.class::isInstance)
			.map(event -> ((OrderCancelled) event).refunded())
			.collect(Collectors.toSet())).as("cancellations with and without a refund tell different things")
			.isEqualTo(Set.of(true, false));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void theDeserializerReadsTheFixtureAsTheListenerReceivesIt(ContractFixture fixture) {
		fixture.deliveredThrough(deserializer, OrderEvent.CATALOG);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void anOutcomeBecomesTheCustomersEmailAndAnythingElseNone(ContractFixture fixture) {
		OrderEvent event = read(fixture);

		Optional<Notification> email = Emails.compose(event, NOW);

		switch (event) {
			case OrderConfirmed confirmed -> assertEmail(email, Outcome.CONFIRMED, confirmed, confirmed.customerEmail())
				.contains(confirmed.total().toPlainString() + " " + confirmed.currency());
			case OrderRejected rejected ->
				assertEmail(email, Outcome.REJECTED, rejected, rejected.customerEmail()).contains(rejected.reason());
			case OrderCancelled cancelled -> {
				var body = assertEmail(email, Outcome.CANCELLED, cancelled, cancelled.customerEmail());
				if (cancelled.refunded()) {
					body.contains(cancelled.total().toPlainString() + " " + cancelled.currency() + " was refunded");
				}
				else {
					body.contains("Nothing was charged");
				}
			}
			case OrderExpired expired -> assertEmail(email, Outcome.EXPIRED, expired, expired.customerEmail());
			default -> assertThat(email).as("not an outcome: no email").isEmpty();
		}
		assertThat(email.isEmpty())
			.as("a fixture of a type that makes no email, and only such a fixture, is named *%s.json", PASSED_OVER)
			.isEqualTo(fixture.name().contains(PASSED_OVER));
	}

	private static AbstractStringAssert<?> assertEmail(Optional<Notification> email, Outcome outcome, OrderEvent event,
			String customerEmail) {
		assertThat(email).isPresent();
		Notification notification = email.get();
		assertThat(notification.outcome()).isEqualTo(outcome);
		assertThat(notification.recipient()).isEqualTo(customerEmail);
		assertThat(notification.orderId()).isEqualTo(event.orderId());
		assertThat(notification.eventId()).isEqualTo(event.eventId());
		return assertThat(notification.body()).contains(event.orderId().toString());
	}

	private OrderEvent read(ContractFixture fixture) {
		return (OrderEvent) deserializer.deserialize(OrderEvent.TOPIC, fixture.headers(), fixture.payload());
	}

}
