package io.orderflow.order.orders.persistence;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import io.orderflow.order.orders.OrderRepository;
import io.orderflow.order.orders.OrderRepository.OrderQuery;

/**
 * The two statements of a listing page, with their parameters. Each filter has an index
 * in the listing's order (migration V2): {@code customer_order_newest},
 * {@code customer_order_by_customer_newest} (a customer's orders, whatever their state: a
 * customer has few) and {@code customer_order_by_status_newest}. So a page reads its own
 * rows from the index and stops, a position ({@code (placed_at, id) < (?, ?)}) is where
 * the index scan starts, and the count stops after {@link OrderRepository#COUNT_LIMIT} +
 * 1 rows: no statement reads the whole table, however large it grows.
 * {@code OrderListingPlanIT} shows the plans.
 */
final class OrderListingSql {

	private OrderListingSql() {
	}

	/** One statement and its parameters. */
	record Statement(String sql, List<Object> params) {
	}

	/** The page's rows, one more than asked for: its presence says a next page exists. */
	static Statement page(String columns, OrderQuery query) {
		List<Object> params = new ArrayList<>();
		StringBuilder sql = new StringBuilder(columns).append(where(query, params, true));
		sql.append(" order by placed_at desc, id desc limit ? offset ?");
		params.add(query.size() + 1);
		params.add(query.offset());
		return new Statement(sql.toString(), params);
	}

	/**
	 * The matching orders, counted up to one more than
	 * {@link OrderRepository#COUNT_LIMIT}.
	 */
	static Statement count(OrderQuery query) {
		List<Object> params = new ArrayList<>();
		String sql = "select count(*) from (select 1 from customer_order" + where(query, params, false)
				+ " limit ?) matching";
		params.add(OrderRepository.COUNT_LIMIT + 1);
		return new Statement(sql, params);
	}

	private static String where(OrderQuery query, List<Object> params, boolean fromPosition) {
		List<String> conditions = new ArrayList<>();
		if (query.customerId() != null) {
			conditions.add("customer_id = ?");
			params.add(query.customerId());
		}
		if (query.status() != null) {
			conditions.add("status = ?");
			params.add(query.status().name());
		}
		if (fromPosition && query.after() != null) {
			conditions.add("(placed_at, id) < (?, ?)");
			params.add(Timestamp.from(query.after().placedAt()));
			params.add(query.after().id());
		}
		return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
	}

}
