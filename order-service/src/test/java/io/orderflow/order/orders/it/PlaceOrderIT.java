package io.orderflow.order.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.order.OrderServiceIntegrationTestBase;
import io.orderflow.testsupport.identity.TestCustomer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Integration: POST /api/orders stores the order and publishes OrderPlaced through the
 * outbox.
 */
class PlaceOrderIT extends OrderServiceIntegrationTestBase {

	@Test
	void placingTheBriefsOrderAnswers202WithLocationPendingAndTotalForTheTokensCustomer() {
		TestCustomer customer = newCustomer("place");

		HttpResponse<String> response = postJson(customer, ORDERS, BRIEF_BODY);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		JsonNode body = json(response);
		UUID id = UUID.fromString(body.get("id").asString());
		assertThat(body.get("status").asString()).isEqualTo("PENDING");
		assertThat(body.get("total").decimalValue()).isEqualTo(new BigDecimal("25.00"));
		assertThat(body.get("customerId").asString()).isEqualTo(customer.id());
		assertThat(body.get("currency").asString()).isEqualTo("EUR");
		assertThat(body.get("lines")).hasSize(1);
		assertThat(body.get("lines").get(0).get("unitPrice").decimalValue()).isEqualByComparingTo("12.50");
		assertThat(Instant.parse(body.get("deadline").asString()))
			.isEqualTo(Instant.parse(body.get("placedAt").asString()).plusSeconds(DEADLINE_SECONDS));
		assertThat(response.headers().firstValue("Idempotent-Replayed")).hasValue("false");

		String location = response.headers().firstValue("Location").orElseThrow();
		assertThat(location).endsWith(ORDERS + "/" + id);
		HttpResponse<String> fetched = send(HttpRequest.newBuilder(URI.create(location))
			.header("Authorization", "Bearer " + customer.token())
			.GET());
		assertThat(fetched.statusCode()).isEqualTo(200);
		JsonNode stored = json(fetched);
		assertThat(stored.get("id").asString()).isEqualTo(id.toString());
		assertThat(stored.get("total").decimalValue()).isEqualTo(new BigDecimal("25.00"));
		assertThat(stored.get("customerEmail").asString()).isEqualTo(customer.email());
		assertThat(stored.get("history")).hasSize(1);
		assertThat(stored.get("history").get(0).get("status").asString()).isEqualTo("PENDING");
	}

	@Test
	void placedOrderIsPublishedAsOrderPlacedKeyedByOrderIdWithCloudEventsHeaders() {
		TestCustomer customer = newCustomer("placed-event");
		UUID id = placeOrder(customer);
		JsonNode order = order(id);

		eventually().untilAsserted(() -> assertThat(orderRecords(id)).isNotEmpty());

		ConsumerRecord<String, byte[]> record = orderRecords(id).getFirst();
		assertThat(record.key()).isEqualTo(id.toString());
		assertThat(header(record, "ce_type")).isEqualTo("orderflow.order.placed.v1");
		assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
		assertThat(header(record, "ce_source")).isEqualTo("/orderflow/order-service");
		assertThat(header(record, "ce_subject")).isEqualTo(id.toString());
		assertThat(header(record, "content-type")).isEqualTo("application/json");
		assertThat(Instant.parse(header(record, "ce_time"))).isEqualTo(Instant.parse(order.get("placedAt").asString()));
		UUID eventId = UUID.fromString(header(record, "ce_id"));

		List<OrderPlaced> placed = orderEvents(id, OrderPlaced.class);
		assertThat(placed).singleElement().satisfies(event -> {
			assertThat(event.eventId()).isEqualTo(eventId);
			assertThat(event.orderId()).isEqualTo(id);
			assertThat(event.customerId()).isEqualTo(customer.id());
			assertThat(event.customerEmail()).isEqualTo(customer.email());
			assertThat(event.currency()).isEqualTo("EUR");
			assertThat(event.total()).isEqualTo(new BigDecimal("25.00"));
			assertThat(event.paymentMethod()).isEqualTo("pm_card_visa");
			assertThat(event.lines()).containsExactly(new OrderLine("BOOK-1", 2, new BigDecimal("12.50")));
		});
		assertThat(OrderEvent.CATALOG.typeOf(placed.getFirst())).isEqualTo(header(record, "ce_type"));
	}

	@Test
	void outboxIsEmptyOnceTheOrderPlacedEventIsOnTheTopic() {
		UUID id = placeOrder(newCustomer("outbox"));

		eventually().untilAsserted(() -> assertThat(orderEvents(id, OrderPlaced.class)).hasSize(1));

		awaitOutboxDrained(id);
		eventually().until(() -> jdbc.sql("select count(*) from outbox_message").query(Long.class).single() == 0);
	}

	@Test
	void placedOrderIsStoredWithItsLinesAndHistoryInOneGo() {
		UUID id = placeOrder(newCustomer("stored"));

		assertThat(jdbc.sql("select total from customer_order where id = ?").param(id).query(BigDecimal.class).single())
			.isEqualTo(new BigDecimal("25.00"));
		assertThat(jdbc.sql("select count(*) from order_line where order_id = ?").param(id).query(Long.class).single())
			.isEqualTo(1);
		assertThat(jdbc.sql("select status from order_status_change where order_id = ? order by seq")
			.param(id)
			.query(String.class)
			.list()).startsWith("PENDING");
	}

}
