package io.orderflow.order.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.orderflow.order.OrderServiceIntegrationTestBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Integration: GET /api/orders filters by customer and status, pages, and refuses bad parameters. */
class ListOrdersIT extends OrderServiceIntegrationTestBase {

	@Test
	void listingFiltersByCustomerAndByStatus() {
		String customer = uniqueCustomer("list");
		UUID confirmed = placeOrder(customer);
		UUID rejected = placeOrder(customer);
		UUID other = placeOrder(customer);
		placeOrder(uniqueCustomer("list-other"));
		publish(authorized(confirmed));
		publish(declined(rejected, "card_declined"));
		awaitStatus(confirmed, "CONFIRMED");
		awaitStatus(rejected, "REJECTED");

		JsonNode all = page("?customerId=" + customer);
		JsonNode onlyConfirmed = page("?customerId=" + customer + "&status=CONFIRMED");
		JsonNode onlyRejected = page("?customerId=" + customer + "&status=REJECTED");

		assertThat(ids(all)).containsExactlyInAnyOrder(confirmed, rejected, other);
		assertThat(all.get("totalElements").asLong()).isEqualTo(3);
		assertThat(ids(onlyConfirmed)).containsExactly(confirmed);
		assertThat(onlyConfirmed.get("content").get(0).get("status").asString()).isEqualTo("CONFIRMED");
		assertThat(ids(onlyRejected)).containsExactly(rejected);
		assertThat(page("?status=CONFIRMED").get("content"))
			.allSatisfy(order -> assertThat(order.get("status").asString()).isEqualTo("CONFIRMED"));
	}

	@Test
	void listingPagesNewestFirstWithoutGapsOrRepeats() {
		String customer = uniqueCustomer("pages");
		List<UUID> placed = List.of(placeOrder(customer), placeOrder(customer), placeOrder(customer));

		List<UUID> seen = new ArrayList<>();
		for (int page = 0; page < 3; page++) {
			JsonNode result = page("?customerId=" + customer + "&size=1&page=" + page);
			assertThat(result.get("page").asInt()).isEqualTo(page);
			assertThat(result.get("size").asInt()).isEqualTo(1);
			assertThat(result.get("totalElements").asLong()).isEqualTo(3);
			assertThat(result.get("totalPages").asLong()).isEqualTo(3);
			assertThat(result.get("content")).hasSize(1);
			seen.addAll(ids(result));
		}
		JsonNode beyond = page("?customerId=" + customer + "&size=1&page=3");

		assertThat(seen).containsExactlyElementsOf(placed.reversed());
		assertThat(beyond.get("content")).isEmpty();
		assertThat(beyond.get("totalElements").asLong()).isEqualTo(3);
	}

	@Test
	void unknownCustomerListsNothing() {
		JsonNode result = page("?customerId=" + uniqueCustomer("nobody"));

		assertThat(result.get("content")).isEmpty();
		assertThat(result.get("totalElements").asLong()).isZero();
		assertThat(result.get("totalPages").asLong()).isZero();
	}

	static Stream<String> invalidParameters() {
		return Stream.of("status=SHIPPED", "status=pending", "size=0", "size=1000", "size=-1", "page=-1", "size=abc",
				"page=1.5", "customerId=" + "x".repeat(65),
				"customerId=" + URLEncoder.encode("' OR 1=1 --", StandardCharsets.UTF_8));
	}

	@ParameterizedTest
	@MethodSource("invalidParameters")
	void invalidParameterIsA400ProblemNamingIt(String query) {
		HttpResponse<String> response = get(ORDERS + "?" + query);

		assertProblem(response, 400);
		String parameter = query.substring(0, query.indexOf('='));
		assertThat(json(response).get("detail").asString()).contains(parameter);
	}

	private JsonNode page(String query) {
		HttpResponse<String> response = get(ORDERS + query);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return json(response);
	}

	private static List<UUID> ids(JsonNode page) {
		List<UUID> ids = new ArrayList<>();
		page.get("content").forEach(order -> ids.add(UUID.fromString(order.get("id").asString())));
		return ids;
	}

}
