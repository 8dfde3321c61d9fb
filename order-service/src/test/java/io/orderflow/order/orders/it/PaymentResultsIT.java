package io.orderflow.order.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.order.OrderRejected;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.order.OrderServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Integration: payment results consumed from Kafka move orders on, exactly once (I2,
 * docs/architecture.md), forward only (I3).
 */
class PaymentResultsIT extends OrderServiceIntegrationTestBase {

	@Test
	void paymentAuthorizedConfirmsTheOrderAndPublishesOrderConfirmed() {
		UUID id = placeOrder(newCustomer("authorized"));

		publish(authorized(id));

		awaitStatus(id, "CONFIRMED");
		eventually().untilAsserted(
				() -> assertThat(orderEvents(id, OrderConfirmed.class)).singleElement().satisfies(confirmed -> {
					assertThat(confirmed.customerEmail()).isEqualTo(ownerOf(id).email());
					assertThat(confirmed.currency()).isEqualTo("EUR");
					assertThat(confirmed.total()).isEqualTo(new BigDecimal("25.00"));
				}));
		assertThat(orderEvents(id)).extracting(OrderEvent::getClass)
			.containsExactly(OrderPlaced.class, OrderConfirmed.class);
	}

	@Test
	void paymentDeclinedRejectsTheOrderAndPublishesOrderRejectedWithTheReason() {
		UUID id = placeOrder(newCustomer("declined"));

		publish(declined(id, "insufficient_funds"));

		awaitStatus(id, "REJECTED");
		eventually().untilAsserted(
				() -> assertThat(orderEvents(id, OrderRejected.class)).singleElement().satisfies(rejected -> {
					assertThat(rejected.reason()).contains("insufficient_funds");
					assertThat(rejected.total()).isEqualTo(new BigDecimal("25.00"));
				}));
		assertThat(order(id).get("history").get(1).get("reason").asString()).contains("insufficient_funds");
	}

	@Test
	void samePaymentEventDeliveredTwiceConfirmsOnceAndPublishesOneOrderConfirmed() {
		UUID id = placeOrder(newCustomer("duplicate"));
		PaymentAuthorized payment = authorized(id);

		publish(payment);
		publish(payment);
		// a later event on the same key is consumed after both copies: once it is
		// processed, so are they
		PaymentDeclined later = declined(id, "sentinel");
		publish(later);

		awaitProcessed(later.eventId());
		assertThat(status(id)).isEqualTo("CONFIRMED");
		assertThat(historyStatuses(order(id))).containsExactly("PENDING", "CONFIRMED");
		awaitOutboxDrained(id);
		assertThat(orderEvents(id, OrderConfirmed.class)).hasSize(1);
		assertThat(orderEvents(id, OrderRejected.class)).isEmpty();
		assertThat(jdbc.sql("select count(*) from inbox_message where event_id = ?")
			.param(payment.eventId())
			.query(Long.class)
			.single()).isEqualTo(1);
	}

	@Test
	void declineAfterConfirmationChangesNothing() {
		UUID id = placeOrder(newCustomer("late-decline"));
		publish(authorized(id));
		awaitStatus(id, "CONFIRMED");

		PaymentDeclined late = declined(id, "too_late");
		publish(late);

		awaitProcessed(late.eventId());
		assertThat(status(id)).isEqualTo("CONFIRMED");
		awaitOutboxDrained(id);
		assertThat(orderEvents(id, OrderRejected.class)).isEmpty();
	}

	@Test
	void historyShowsEveryStepWithTimestampsInOrder() {
		UUID id = placeOrder(newCustomer("history"));
		publish(authorized(id));
		awaitStatus(id, "CONFIRMED");

		JsonNode order = order(id);

		assertThat(historyStatuses(order)).containsExactly("PENDING", "CONFIRMED");
		List<Instant> times = new ArrayList<>();
		order.get("history").forEach(change -> times.add(Instant.parse(change.get("at").asString())));
		assertThat(times.getFirst()).isEqualTo(Instant.parse(order.get("placedAt").asString()));
		assertThat(times).isSorted();
		assertThat(times.get(1)).isAfter(times.get(0));
		assertThat(order.get("history").get(1).get("reason").asString()).isEqualTo("payment authorized");
	}

	static List<String> historyStatuses(JsonNode order) {
		List<String> statuses = new ArrayList<>();
		order.get("history").forEach(change -> statuses.add(change.get("status").asString()));
		return statuses;
	}

}
