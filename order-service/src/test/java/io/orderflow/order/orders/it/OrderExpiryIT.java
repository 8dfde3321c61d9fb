package io.orderflow.order.orders.it;

import static io.orderflow.order.orders.it.PaymentResultsIT.historyStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.order.OrderServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Integration: a saga without an outcome expires after its deadline (3 s here), and stays
 * expired (I3, docs/architecture.md).
 */
class OrderExpiryIT extends OrderServiceIntegrationTestBase {

	@Test
	void orderWithoutPaymentResultExpiresAfterTheDeadlineAndPublishesOrderExpired() {
		UUID id = placeOrder(newCustomer("expiry"));
		assertThat(status(id)).isEqualTo("PENDING");

		awaitStatus(id, "EXPIRED");

		JsonNode order = order(id);
		Instant deadline = Instant.parse(order.get("deadline").asString());
		Instant expiredAt = Instant.parse(order.get("history").get(1).get("at").asString());
		assertThat(expiredAt).isAfterOrEqualTo(deadline);
		assertThat(historyStatuses(order)).containsExactly("PENDING", "EXPIRED");
		eventually()
			.untilAsserted(() -> assertThat(orderEvents(id, OrderExpired.class)).singleElement().satisfies(expired -> {
				assertThat(expired.total()).isEqualTo(new BigDecimal("25.00"));
				assertThat(expired.customerEmail()).isEqualTo(ownerOf(id).email());
			}));
	}

	@Test
	void paymentAuthorizedAfterExpiryLeavesTheOrderExpired() {
		UUID id = placeOrder(newCustomer("late-payment"));
		awaitStatus(id, "EXPIRED");

		PaymentAuthorized late = authorized(id);
		publish(late);

		awaitProcessed(late.eventId());
		assertThat(status(id)).isEqualTo("EXPIRED");
		assertThat(historyStatuses(order(id))).containsExactly("PENDING", "EXPIRED");
		awaitOutboxDrained(id);
		assertThat(orderEvents(id, OrderConfirmed.class)).isEmpty();
		assertThat(orderEvents(id, OrderExpired.class)).hasSize(1);
	}

	@Test
	void cancellationWithoutRefundExpiresAfterTheDeadline() {
		UUID id = placeOrder(newCustomer("cancel-expiry"));
		assertThat(cancel(id).statusCode()).isEqualTo(202);

		awaitStatus(id, "EXPIRED");

		assertThat(historyStatuses(order(id))).containsExactly("PENDING", "CANCELLATION_REQUESTED", "EXPIRED");
	}

	@Test
	void confirmedOrderNeverExpires() {
		UUID confirmed = placeOrder(newCustomer("no-expiry"));
		publish(authorized(confirmed));
		awaitStatus(confirmed, "CONFIRMED");
		// placed later, so its deadline is later: once the expiry job expired it, it has
		// looked at the first one too
		UUID witness = placeOrder(newCustomer("witness"));

		awaitStatus(witness, "EXPIRED");

		assertThat(Instant.parse(order(witness).get("deadline").asString()))
			.isAfter(Instant.parse(order(confirmed).get("deadline").asString()));
		assertThat(status(confirmed)).isEqualTo("CONFIRMED");
		assertThat(historyStatuses(order(confirmed))).containsExactly("PENDING", "CONFIRMED");
	}

}
