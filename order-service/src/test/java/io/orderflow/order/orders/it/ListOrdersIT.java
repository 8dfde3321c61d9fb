package io.orderflow.order.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.orderflow.order.OrderServiceIntegrationTestBase;
import io.orderflow.testsupport.identity.TestCustomer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Integration: GET /api/orders lists the caller's orders, filters by status, pages, and
 * refuses bad parameters.
 */
class ListOrdersIT extends OrderServiceIntegrationTestBase {

	@Test
	void aCustomerListsOwnOrdersOnlyFilteredByStatus() {
		TestCustomer customer = newCustomer("list");
		UUID confirmed = placeOrder(customer);
		UUID rejected = placeOrder(customer);
		UUID other = placeOrder(customer);
		placeOrder(newCustomer("list-other"));
		publish(authorized(confirmed));
		publish(declined(rejected, "card_declined"));
		awaitStatus(confirmed, "CONFIRMED");
		awaitStatus(rejected, "REJECTED");

		JsonNode all = page(customer, "");
		JsonNode onlyConfirmed = page(customer, "?status=CONFIRMED");
		JsonNode onlyRejected = page(customer, "?status=REJECTED");

		assertThat(ids(all)).containsExactlyInAnyOrder(confirmed, rejected, other);
		assertThat(all.get("totalElements").asLong()).isEqualTo(3);
		assertThat(ids(onlyConfirmed)).containsExactly(confirmed);
		assertThat(onlyConfirmed.get("content").get(0).get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(ids(onlyRejected)).containsExactly(rejected);
		assertThat(page(customer, "?status=CONFIRMED").get("content"))
			.allSatisfy(order -> assertThat(order.get("status").asString()).isEqualTo("CONFIRMED"));
	}

	@Test
	void listingPagesNewestFirstWithoutGapsOrRepeats() {
		TestCustomer customer = newCustomer("pages");
		List<UUID> placed = List.of(placeOrder(customer), placeOrder(customer), placeOrder(customer));

		List<UUID> seen = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			JsonNode result = page(customer, "?size=1&page=" + page);
			assertThat(result.get("page").asInt()).isEqualTo(page);
			assertThat(result.get("size").asInt()).isEqualTo(1);
			assertThat(result.get("totalElements").asLong()).isEqualTo(3);
			assertThat(result.get("totalPages").asLong()).isEqualTo(3);
			assertThat(result.get("content")).hasSize(1);
			seen.addAll(ids(result));
		}
		JsonNode beyond = page(customer, "?size=1&page=3");

		assertThat(seen).containsExactlyElementsOf(placed.reversed());
		assertThat(beyond.get("content")).isEmpty();
		assertThat(beyond.get("totalElements").asLong()).isEqualTo(3);
	}

	@Test
	void followingNextPagesThroughEveryOrderNewestFirstAndAnOrderPlacedMeanwhileShiftsNothing() {
		TestCustomer customer = newCustomer("cursor");
		List<UUID> placed = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			placed.add(placeOrder(customer));
		}

		JsonNode first = page(customer, "?size=2");
		UUID placedMeanwhile = placeOrder(customer);
		JsonNode second = page(customer, "?size=2&after=" + first.get("next").asString());
		JsonNode third = page(customer, "?size=2&after=" + second.get("next").asString());

		assertThat(first.get("page").asInt()).isZero();
		assertThat(second.get("page").isNull()).as("a page asked for by position has no number").isTrue();
		List<UUID> seen = new ArrayList<>(ids(first));
		seen.addAll(ids(second));
		seen.addAll(ids(third));
		assertThat(seen).containsExactlyElementsOf(placed.reversed()).doesNotContain(placedMeanwhile);
		assertThat(third.get("content")).hasSize(1);
		assertThat(third.get("next").isNull()).as("the last page has no next").isTrue();
		assertThat(third.get("totalElements").asLong()).isEqualTo(6);
		assertThat(third.get("totalElementsExact").asBoolean()).isTrue();
	}

	@Test
	void aFilteredListingFollowsNextWithinItsFilter() {
		TestCustomer customer = newCustomer("cursor-status");
		UUID rejectedFirst = placeOrder(customer);
		placeOrder(customer);
		UUID rejectedLast = placeOrder(customer);
		publish(declined(rejectedFirst, "card_declined"));
		publish(declined(rejectedLast, "card_declined"));
		awaitStatus(rejectedFirst, "REJECTED");
		awaitStatus(rejectedLast, "REJECTED");

		JsonNode first = page(customer, "?status=REJECTED&size=1");
		JsonNode second = page(customer, "?status=REJECTED&size=1&after=" + first.get("next").asString());

		assertThat(ids(first)).containsExactly(rejectedLast);
		assertThat(ids(second)).containsExactly(rejectedFirst);
		assertThat(second.get("next").isNull()).isTrue();
	}

	/**
	 * Confirmed orders placed before 2020, written directly (10 001 orders through the
	 * API would take minutes), with a line and a history like any order, so every listing
	 * can show them.
	 */
	@Test
	void moreOrdersThanTheCountLimitAreCountedUpToItAndReachedByNext() {
		TestCustomer customer = newCustomer("many");
		int limit = 10_000;
		jdbc.sql("""
				insert into customer_order (id, customer_id, customer_email, currency, payment_method, total, status,
				                            placed_at, deadline, updated_at)
				select gen_random_uuid(), ?, 'many@example.com', 'EUR', 'pm_card_visa', 12.50, 'CONFIRMED',
				       timestamptz '2020-01-01 00:00:00Z' - make_interval(secs => n), now(), now()
				from generate_series(1, ?) n""").params(customer.id(), limit + 1).update();
		jdbc.sql("""
				insert into order_line (order_id, line_no, sku, quantity, unit_price)
				select id, 1, 'BOOK-1', 1, 12.50 from customer_order where customer_id = ?""")
			.param(customer.id())
			.update();
		jdbc.sql(
				"""
						insert into order_status_change (order_id, seq, status, reason, changed_at)
						select o.id, h.seq, h.status, h.reason, o.placed_at
						from customer_order o,
						     (values (1, 'PENDING', 'order placed'), (2, 'CONFIRMED', 'payment authorized')) h (seq, status, reason)
						where o.customer_id = ?""")
			.param(customer.id())
			.update();

		JsonNode deepestByNumber = page(customer, "?size=100&page=99");
		HttpResponse<String> beyond = get(customer, ORDERS + "?size=100&page=100");
		JsonNode last = page(customer, "?size=100&after=" + deepestByNumber.get("next").asString());

		assertThat(deepestByNumber.get("totalElements").asLong()).isEqualTo(limit);
		assertThat(deepestByNumber.get("totalElementsExact").asBoolean()).isFalse();
		assertThat(deepestByNumber.get("totalPages").asLong()).isEqualTo(100);
		assertThat(deepestByNumber.get("content")).hasSize(100);
		assertProblem(beyond, 400);
		assertThat(json(beyond).get("detail").asString()).contains("page").contains("next");
		assertThat(last.get("content")).as("the 10 001st order").hasSize(1);
		assertThat(last.get("next").isNull()).isTrue();
	}

	static Stream<String> invalidPositions() {
		String foreign = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("o1.x." + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII));
		return Stream.of("after=garbage!", "after=" + foreign, "after=" + "A".repeat(101), "after=",
				"after=bzEuMTIzLm5vdC1hLXV1aWQ",
				"after=bzEuOTk5OTk5OTk5OTk5OTk5OTk5OS4wMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA",
				"after=" + Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(
							("o1.9000000000000000000." + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII)),
				"page=1&after=" + cursorOf(UUID.randomUUID()));
	}

	@ParameterizedTest
	@MethodSource("invalidPositions")
	void aPositionThatIsNotANextOfThisApiIsA400ProblemNamingAfter(String query) {
		HttpResponse<String> response = get(newCustomer("positions"), ORDERS + "?" + query);

		assertProblem(response, 400);
		assertThat(json(response).get("detail").asString()).contains("after");
	}

	/** A well-formed token, as the API writes one. */
	private static String cursorOf(UUID id) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("o1.1700000000000000." + id).getBytes(StandardCharsets.US_ASCII));
	}

	@Test
	void aCustomerWithoutOrdersListsNothingNotEvenOthersOrders() {
		placeOrder(newCustomer("somebody"));

		JsonNode result = page(newCustomer("nobody"), "");

		assertThat(result.get("content")).isEmpty();
		assertThat(result.get("totalElements").asLong()).isZero();
		assertThat(result.get("totalPages").asLong()).isZero();
	}

	static Stream<String> invalidParameters() {
		return Stream.of("status=SHIPPED", "status=pending", "size=0", "size=1000", "size=-1", "page=-1", "size=abc",
				"page=1.5", "page=10001", "page=100&size=100", "page=2147483647");
	}

	@ParameterizedTest
	@MethodSource("invalidParameters")
	void invalidParameterIsA400ProblemNamingIt(String query) {
		HttpResponse<String> response = get(newCustomer("parameters"), ORDERS + "?" + query);

		assertProblem(response, 400);
		String parameter = query.substring(0, query.indexOf('='));
		assertThat(json(response).get("detail").asString()).contains(parameter);
	}

	@Test
	void aCustomerIdInTheQueryChangesNothing() {
		TestCustomer ada = newCustomer("ada");
		TestCustomer eve = newCustomer("eve");
		UUID adas = placeOrder(ada);

		JsonNode asked = page(eve, "?customerId=" + ada.id());

		assertThat(ids(asked)).doesNotContain(adas).isEmpty();
	}

	@Test
	void withoutATokenTheListIsA401Problem() {
		assertProblem(get(ORDERS), 401);
	}

	private JsonNode page(TestCustomer customer, String query) {
		HttpResponse<String> response = get(customer, ORDERS + query);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	private static List<UUID> ids(JsonNode page) {
		List<UUID> ids = new ArrayList<>();
		page.get("content").forEach(order -> ids.add(UUID.fromString(order.get("id").asString())));
		return ids;
	}

}
