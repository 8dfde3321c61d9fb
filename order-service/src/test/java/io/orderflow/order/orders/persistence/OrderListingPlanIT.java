package io.orderflow.order.orders.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.orderflow.order.OrderServiceIntegrationTestBase;
import io.orderflow.order.orders.OrderRepository.OrderQuery;
import io.orderflow.order.orders.OrderRepository.Position;
import io.orderflow.order.orders.OrderStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration: PostgreSQL's own plans (EXPLAIN) of the listing's statements, on a table
 * of {@value #ORDERS} orders of {@value #CUSTOMERS} customers and one customer with 5000,
 * inserted and analysed in a transaction that is rolled back, so no other test sees them.
 * Every page, first or deep, filtered or not, reads an index that serves it, never the
 * whole table: in the listing's order, stopping with the page (only a customer's few
 * orders may be fetched and sorted); a position is an index condition, where the scan
 * starts; the count stops at its limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderListingPlanIT extends OrderServiceIntegrationTestBase {

	private static final int ORDERS = 20_000;

	private static final int CUSTOMERS = 4_000;

	/**
	 * A customer with many orders: their page is read in order too, not fetched whole and
	 * sorted.
	 */
	private static final String HEAVY = "plan-heavy";

	@Autowired
	private DataSource dataSource;

	private Connection connection;

	@BeforeAll
	void manyOrdersInATransactionOfTheirOwn() throws SQLException {
		connection = dataSource.getConnection();
		connection.setAutoCommit(false);
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate(
					"""
							insert into customer_order (id, customer_id, customer_email, currency, payment_method, total, status,
							                            placed_at, deadline, updated_at)
							select gen_random_uuid(), 'plan-' || (n %% %d), 'plan@example.com', 'EUR', 'pm_card_visa', 10,
							       (array['CONFIRMED', 'REJECTED', 'CANCELLED', 'EXPIRED'])[1 + n %% 4],
							       now() - make_interval(secs => n), now(), now()
							from generate_series(1, %d) n"""
						.formatted(CUSTOMERS, ORDERS));
			statement.executeUpdate(
					"""
							insert into customer_order (id, customer_id, customer_email, currency, payment_method, total, status,
							                            placed_at, deadline, updated_at)
							select gen_random_uuid(), '%s', 'plan@example.com', 'EUR', 'pm_card_visa', 10, 'CONFIRMED',
							       now() - make_interval(secs => n), now(), now()
							from generate_series(1, 5000) n"""
						.formatted(HEAVY));
			statement.execute("analyze customer_order");
		}
	}

	@AfterAll
	void noneOfThemStays() throws SQLException {
		connection.rollback();
		connection.close();
	}

	private static final String NEWEST = "customer_order_newest";

	private static final String BY_CUSTOMER = "customer_order_by_customer_newest";

	private static final String BY_STATUS = "customer_order_by_status_newest";

	/**
	 * Each listing with the indexes that may serve it, and whether its rows may be
	 * sorted: only a customer's few orders (the planner may fetch them all and sort them,
	 * as cheap as reading them in order); the orders of one state or of all customers are
	 * read in the index's order and the scan stops with the page.
	 */
	static Stream<Arguments> listings() {
		Position deep = new Position(Instant.now().minusSeconds(ORDERS / 2), UUID.randomUUID());
		List<Arguments> listings = new ArrayList<>();
		for (Position after : new Position[] { null, deep }) {
			String from = after == null ? "first page" : "page after a position";
			listings.add(listing("all, " + from, null, null, after, false, NEWEST));
			listings.add(listing("a customer's, " + from, "plan-42", null, after, true, BY_CUSTOMER));
			listings.add(listing("a customer's with many orders, " + from, HEAVY, null, after, false, BY_CUSTOMER));
			listings.add(listing("in a state, " + from, null, OrderStatus.REJECTED, after, false, BY_STATUS, NEWEST));
			listings.add(listing("a customer's in a state, " + from, "plan-42", OrderStatus.CONFIRMED, after, true,
					BY_CUSTOMER));
		}
		listings.add(Arguments.of("all, the deepest page an offset reaches",
				new OrderQuery(null, null, null, 9_900, 100), false, Set.of(NEWEST)));
		return listings.stream();
	}

	private static Arguments listing(String name, String customerId, OrderStatus status, Position after,
			boolean sortAllowed, String... indexes) {
		return Arguments.of(name, new OrderQuery(customerId, status, after, 0, 20), sortAllowed, Set.of(indexes));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("listings")
	void aPageReadsAnIndexThatServesItNeverTheWholeTable(String listing, OrderQuery query, boolean sortAllowed,
			Set<String> indexes) throws SQLException {
		List<JsonNode> plan = nodes(explain(OrderListingSql.page("select id from customer_order", query)));

		assertThat(plan).extracting(node -> node.path("Node Type").asString())
			.as("no node reads the whole table")
			.doesNotContain("Seq Scan");
		if (!sortAllowed) {
			assertThat(plan).extracting(node -> node.path("Node Type").asString())
				.as("read in the index's order, stopping with the page")
				.doesNotContain("Sort", "Incremental Sort", "Bitmap Heap Scan");
		}
		JsonNode scan = plan.stream()
			.filter(node -> node.has("Index Name"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no index scan in " + plan));
		assertThat(scan.path("Index Name").asString()).isIn(indexes);
		if (query.after() != null && !sortAllowed) {
			assertThat(scan.path("Index Cond").asString()).as("the position is where the scan starts")
				.contains("placed_at");
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("listings")
	void theCountStopsAtTheCountLimit(String listing, OrderQuery query, boolean sortAllowed, Set<String> indexes)
			throws SQLException {
		List<JsonNode> plan = nodes(explain(OrderListingSql.count(query)));

		assertThat(plan).filteredOn(node -> node.path("Node Type").asString().equals("Limit"))
			.as("a limit below the count")
			.singleElement()
			.satisfies(limit -> assertThat(limit.path("Plan Rows").asLong()).isLessThanOrEqualTo(10_001));
		assertThat(plan).extracting(node -> node.path("Node Type").asString()).doesNotContain("Sort");
	}

	private JsonNode explain(OrderListingSql.Statement statement) throws SQLException {
		try (PreparedStatement explain = connection.prepareStatement("explain (format json) " + statement.sql())) {
			for (int i = 0; i < statement.params().size(); i++) {
				explain.setObject(i + 1, statement.params().get(i));
			}
			try (ResultSet result = explain.executeQuery()) {
				result.next();
				return JSON.readTree(result.getString(1)).get(0).get("Plan");
			}
		}
	}

	/** The plan's nodes, depth first. */
	private static List<JsonNode> nodes(JsonNode plan) {
		List<JsonNode> nodes = new ArrayList<>();
		nodes.add(plan);
		plan.path("Plans").forEach(child -> nodes.addAll(nodes(child)));
		return nodes;
	}

}
