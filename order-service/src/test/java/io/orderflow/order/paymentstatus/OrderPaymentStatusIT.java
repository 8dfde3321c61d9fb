package io.orderflow.order.paymentstatus;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import io.orderflow.order.OrderServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration: with payment-service unreachable (no process behind its URL), the payment of an order is still
 * answered, quickly, from what the payment events told order-service — graceful degradation, not an error.
 * The live path runs in the system tests, where payment-service is a real process.
 */
class OrderPaymentStatusIT extends OrderServiceIntegrationTestBase {

	@Test
	void whilePaymentServiceIsUnreachableTheLastKnownStateIsAnsweredQuickly() {
		UUID id = placeOrder(uniqueCustomer("payment-status"));

		long started = System.nanoTime();
		HttpResponse<String> pending = get(ORDERS + "/" + id + "/payment");
		Duration took = Duration.ofNanos(System.nanoTime() - started);

		assertThat(pending.statusCode()).as(pending.body()).isEqualTo(200);
		assertThat(json(pending).get("source").asString()).isEqualTo("LAST_KNOWN");
		assertThat(json(pending).get("status").asString()).isEqualTo("UNKNOWN");
		assertThat(took).as("bounded by the edge's timeout and retry, never by payment-service").isLessThan(Duration.ofSeconds(3));

		publish(authorized(id));
		awaitStatus(id, "CONFIRMED");

		JsonNode confirmed = json(get(ORDERS + "/" + id + "/payment"));
		assertThat(confirmed.get("source").asString()).isEqualTo("LAST_KNOWN");
		assertThat(confirmed.get("status").asString()).isEqualTo("AUTHORIZED");
		assertThat(confirmed.get("amount").decimalValue()).isEqualByComparingTo("25.00");
	}

	@Test
	void theFallbackTellsADeclineFromAnAuthorization() {
		UUID id = placeOrder(uniqueCustomer("payment-status-declined"));
		publish(declined(id, "card_declined"));
		awaitStatus(id, "REJECTED");

		assertThat(json(get(ORDERS + "/" + id + "/payment")).get("status").asString()).isEqualTo("DECLINED");
	}

	@Test
	void anUnknownOrderIsA404ProblemAndABadIdA400Problem() {
		assertProblem(get(ORDERS + "/" + UUID.randomUUID() + "/payment"), 404);
		assertProblem(get(ORDERS + "/not-a-uuid/payment"), 400);
	}

}
