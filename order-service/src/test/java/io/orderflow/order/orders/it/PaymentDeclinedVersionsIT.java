package io.orderflow.order.orders.it;

import java.time.Instant;
import java.util.UUID;

import io.orderflow.events.order.OrderCancelled;
import io.orderflow.events.order.OrderRejected;
import io.orderflow.events.payment.PaymentDeclinedV2;
import io.orderflow.order.OrderServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration, the worked example of docs/event-evolution.md from the consumer's side:
 * order-service acts on {@code PaymentDeclined} v1 and v2, whichever comes first, and
 * keeps working in every phase of the rollout — a producer still on v1, a producer
 * dual-publishing, a producer that retired v1.
 */
class PaymentDeclinedVersionsIT extends OrderServiceIntegrationTestBase {

	@Test
	void aProducerThatStillPublishesOnlyV1RejectsTheOrder() {
		UUID id = placeOrder(newCustomer("decline-v1"));

		publish(declined(id, "card_declined"));

		awaitStatus(id, "REJECTED");
		eventually().untilAsserted(() -> assertThat(orderEvents(id, OrderRejected.class)).singleElement()
			.extracting(OrderRejected::reason)
			.isEqualTo("card_declined"));
	}

	@Test
	void aProducerThatRetiredV1RejectsTheOrderWithV2Alone() {
		UUID id = placeOrder(newCustomer("decline-v2"));

		publish(declinedV2(id, "insufficient_funds"));

		awaitStatus(id, "REJECTED");
		eventually().untilAsserted(() -> assertThat(orderEvents(id, OrderRejected.class)).singleElement()
			.extracting(OrderRejected::reason)
			.isEqualTo("insufficient_funds"));
	}

	@Test
	void aDualPublishedDeclineRejectsTheOrderOnceAndAnnouncesItOnce() {
		UUID id = placeOrder(newCustomer("decline-both"));
		PaymentDeclinedV2 second = declinedV2(id, "card_declined");

		publish(declined(id, "card_declined"));
		publish(second);

		awaitProcessed(second.eventId());
		awaitStatus(id, "REJECTED");
		awaitOutboxDrained(id);
		assertThat(orderEvents(id, OrderRejected.class)).hasSize(1);
		assertThat(order(id).get("history")).hasSize(2);
	}

	@Test
	void aDualPublishedDeclineDuringACancellationCancelsOnce() {
		UUID id = placeOrder(newCustomer("decline-cancel"));
		assertThat(cancel(id).statusCode()).isEqualTo(202);
		PaymentDeclinedV2 second = declinedV2(id, "card_declined");

		publish(declined(id, "card_declined"));
		publish(second);

		awaitProcessed(second.eventId());
		awaitStatus(id, "CANCELLED");
		awaitOutboxDrained(id);
		assertThat(orderEvents(id, OrderCancelled.class)).singleElement()
			.satisfies(cancelled -> assertThat(cancelled.refunded()).isFalse());
	}

	private static PaymentDeclinedV2 declinedV2(UUID orderId, String declineCode) {
		return new PaymentDeclinedV2(UUID.randomUUID(), Instant.now(), orderId, declineCode, false);
	}

}
