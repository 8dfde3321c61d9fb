package io.orderflow.order.orders.it;

import static io.orderflow.order.orders.it.PaymentResultsIT.historyStatuses;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import io.orderflow.events.order.OrderCancellationRequested;
import io.orderflow.events.order.OrderCancelled;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.payment.PaymentVoided;
import io.orderflow.order.OrderServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;

/** Integration: POST /api/orders/{id}/cancel and the compensation that completes it. */
class CancelOrderIT extends OrderServiceIntegrationTestBase {

	@Test
	void cancellingAPendingOrderAnswers202AndRefundCompletesItAsCancelledWithRefund() {
		UUID id = placeOrder(newCustomer("cancel"));

		HttpResponse<String> response = cancel(id);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(json(response).get("status").asString()).isEqualTo("CANCELLATION_REQUESTED");
		assertThat(status(id)).isEqualTo("CANCELLATION_REQUESTED");

		publish(refunded(id));

		awaitStatus(id, "CANCELLED");
		assertThat(historyStatuses(order(id))).containsExactly("PENDING", "CANCELLATION_REQUESTED", "CANCELLED");
		eventually().untilAsserted(() -> assertThat(orderEvents(id)).extracting(OrderEvent::getClass)
			.containsExactly(OrderPlaced.class, OrderCancellationRequested.class, OrderCancelled.class));
		assertThat(orderEvents(id, OrderCancelled.class)).singleElement()
			.satisfies(cancelled -> assertThat(cancelled.refunded()).isTrue());
	}

	@Test
	void cancellingAConfirmedOrderIsCompensatedByARefund() {
		UUID id = placeOrder(newCustomer("cancel-paid"));
		publish(authorized(id));
		awaitStatus(id, "CONFIRMED");

		assertThat(cancel(id).statusCode()).isEqualTo(202);
		publish(refunded(id));

		awaitStatus(id, "CANCELLED");
		eventually().untilAsserted(() -> assertThat(orderEvents(id, OrderCancelled.class)).singleElement()
			.satisfies(cancelled -> assertThat(cancelled.refunded()).isTrue()));
	}

	@Test
	void declineWhileCancellingCancelsWithoutRefund() {
		UUID id = placeOrder(newCustomer("cancel-declined"));
		assertThat(cancel(id).statusCode()).isEqualTo(202);

		publish(declined(id, "card_declined"));

		awaitStatus(id, "CANCELLED");
		eventually().untilAsserted(() -> assertThat(orderEvents(id, OrderCancelled.class)).singleElement()
			.satisfies(cancelled -> assertThat(cancelled.refunded()).isFalse()));
	}

	@Test
	void aPendingOrderNeverChargedIsCancelledWhenItsPaymentIsVoidedNotLeftToExpire() {
		UUID id = placeOrder(newCustomer("cancel-voided"));
		assertThat(cancel(id).statusCode()).isEqualTo(202);

		publish(new PaymentVoided(UUID.randomUUID(), Instant.now(), id));

		awaitStatus(id, "CANCELLED");
		assertThat(historyStatuses(order(id))).containsExactly("PENDING", "CANCELLATION_REQUESTED", "CANCELLED");
		eventually().untilAsserted(() -> assertThat(orderEvents(id, OrderCancelled.class)).singleElement()
			.satisfies(cancelled -> assertThat(cancelled.refunded()).isFalse()));
	}

	@Test
	void cancellingARejectedOrderIsA409Problem() {
		UUID id = placeOrder(newCustomer("cancel-rejected"));
		publish(declined(id, "card_declined"));
		awaitStatus(id, "REJECTED");

		HttpResponse<String> response = cancel(id);

		assertProblem(response, 409);
		assertThat(json(response).get("detail").asString()).contains(id.toString()).contains("REJECTED");
		assertThat(status(id)).isEqualTo("REJECTED");
	}

	@Test
	void cancellingTwiceAnswers202BothTimesAndPublishesOneCancellationRequest() {
		UUID id = placeOrder(newCustomer("cancel-twice"));

		HttpResponse<String> first = cancel(id);
		HttpResponse<String> second = cancel(id);

		assertThat(first.statusCode()).isEqualTo(202);
		assertThat(second.statusCode()).isEqualTo(202);
		assertThat(json(second).get("status").asString()).isEqualTo("CANCELLATION_REQUESTED");
		assertThat(historyStatuses(order(id))).containsExactly("PENDING", "CANCELLATION_REQUESTED");
		awaitOutboxDrained(id);
		assertThat(orderEvents(id, OrderCancellationRequested.class)).hasSize(1);
	}

	@Test
	void cancellingAnUnknownOrderIs404Problem() {
		UUID unknown = UUID.randomUUID();

		HttpResponse<String> response = post(newCustomer("cancel-unknown"), ORDERS + "/" + unknown + "/cancel", null,
				BodyPublishers.noBody());

		assertProblem(response, 404);
		assertThat(json(response).get("detail").asString()).contains(unknown.toString());
	}

	@Test
	void cancellingSomeoneElsesOrderIsTheSame404AndChangesNothing() {
		UUID adas = placeOrder(newCustomer("cancel-ada"));

		HttpResponse<String> byEve = post(newCustomer("cancel-eve"), ORDERS + "/" + adas + "/cancel", null,
				BodyPublishers.noBody());

		assertProblem(byEve, 404);
		assertThat(json(byEve).get("detail").asString()).contains(adas.toString());
		assertThat(status(adas)).isEqualTo("PENDING");
	}

	@Test
	void cancellingWithoutATokenIsA401ProblemAndChangesNothing() {
		UUID id = placeOrder(newCustomer("cancel-anonymous"));

		assertProblem(post(null, ORDERS + "/" + id + "/cancel", null, BodyPublishers.noBody()), 401);
		assertThat(status(id)).isEqualTo("PENDING");
	}

	@Test
	void cancellingWithANonUuidIdIs400Problem() {
		HttpResponse<String> response = post(newCustomer("cancel-bad-id"), ORDERS + "/not-a-uuid/cancel", null,
				BodyPublishers.noBody());

		assertProblem(response, 400);
		assertThat(json(response).get("detail").asString()).contains("not-a-uuid");
	}

}
