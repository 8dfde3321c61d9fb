package io.orderflow.order.orders.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.orderflow.order.orders.Order;
import io.orderflow.order.orders.OrderDomainEvent.Cancellation;
import io.orderflow.order.orders.OrderLine;
import io.orderflow.order.orders.OrderRepository;
import io.orderflow.order.orders.OrderRepository.OrderPage;
import io.orderflow.order.orders.OrderRepository.OrderQuery;
import io.orderflow.order.orders.OrderRepository.Position;
import io.orderflow.order.orders.OrderStatus;
import io.orderflow.order.orders.StatusChange;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders in PostgreSQL with plain SQL: one row per order, its lines, and its append-only
 * history, each step with its cause as columns (a decline code, how a cancellation ended)
 * beside its wording.
 */
@Repository
class JdbcOrderRepository implements OrderRepository {

	private static final String ORDER_COLUMNS = """
			select id, customer_id, customer_email, currency, payment_method, placed_at, deadline, status
			from customer_order""";

	private final JdbcClient jdbc;

	JdbcOrderRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void insert(Order order) {
		jdbc.sql("""
				insert into customer_order (id, customer_id, customer_email, currency, payment_method, total, status,
				                            placed_at, deadline, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(order.id(), order.customerId(), order.customerEmail(), order.currency(), order.paymentMethod(),
					order.total(), order.status().name(), ts(order.placedAt()), ts(order.deadline()),
					ts(order.placedAt()))
			.update();
		int lineNo = 0;
		for (OrderLine line : order.lines()) {
			jdbc.sql("insert into order_line (order_id, line_no, sku, quantity, unit_price) values (?, ?, ?, ?, ?)")
				.params(order.id(), ++lineNo, line.sku(), line.quantity(), line.unitPrice())
				.update();
		}
		appendHistory(order);
	}

	@Override
	public void update(Order order) {
		jdbc.sql("update customer_order set status = ?, deadline = ?, updated_at = now() where id = ?")
			.params(order.status().name(), ts(order.deadline()), order.id())
			.update();
		appendHistory(order);
	}

	private void appendHistory(Order order) {
		int seq = order.history().size() - order.unsavedChanges().size();
		for (StatusChange change : order.unsavedChanges()) {
			jdbc.sql(
					"""
							insert into order_status_change (order_id, seq, status, reason, changed_at, decline_reason, cancellation)
							values (?, ?, ?, ?, ?, ?, ?)""")
				.params(order.id(), ++seq, change.status().name(), change.reason(), ts(change.at()),
						change.declineReason(), change.cancellation() == null ? null : change.cancellation().name())
				.update();
		}
	}

	@Override
	public Optional<Order> findById(UUID id) {
		return load(ORDER_COLUMNS + " where id = ?", List.of(id)).stream().findFirst();
	}

	@Override
	public Optional<Order> lockById(UUID id) {
		return load(ORDER_COLUMNS + " where id = ? for update", List.of(id)).stream().findFirst();
	}

	@Override
	public List<Order> lockOverdue(Instant now, int limit) {
		return load(ORDER_COLUMNS + """
				 where status in ('PENDING', 'CANCELLATION_REQUESTED') and deadline <= ?
				order by deadline limit ? for update skip locked""", List.of(ts(now), limit));
	}

	@Override
	public OrderPage find(OrderQuery query) {
		OrderListingSql.Statement count = OrderListingSql.count(query);
		long matching = jdbc.sql(count.sql()).params(count.params()).query(Long.class).single();
		OrderListingSql.Statement page = OrderListingSql.page(ORDER_COLUMNS, query);
		List<Order> rows = load(page.sql(), page.params());
		List<Order> content = rows.size() > query.size() ? rows.subList(0, query.size()) : rows;
		Order last = content.isEmpty() ? null : content.getLast();
		Position next = rows.size() > query.size() ? new Position(last.placedAt(), last.id()) : null;
		boolean exact = matching <= COUNT_LIMIT;
		return new OrderPage(content, exact ? matching : COUNT_LIMIT, exact, next);
	}

	/**
	 * Loads orders with their lines and history in three queries, whatever the number of
	 * orders.
	 */
	private List<Order> load(String sql, List<Object> params) {
		List<OrderRow> rows = jdbc.sql(sql).params(params).query(JdbcOrderRepository::orderRow).list();
		if (rows.isEmpty()) {
			return List.of();
		}
		UUID[] ids = rows.stream().map(OrderRow::id).toArray(UUID[]::new);
		Map<UUID, List<OrderLine>> lines = jdbc.sql(
				"select order_id, sku, quantity, unit_price from order_line where order_id = any(?) order by order_id, line_no")
			.param(ids)
			.query((rs, n) -> Map.entry(rs.getObject("order_id", UUID.class),
					new OrderLine(rs.getString("sku"), rs.getInt("quantity"), rs.getBigDecimal("unit_price"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		Map<UUID, List<StatusChange>> history = jdbc.sql("""
				select order_id, status, reason, changed_at, decline_reason, cancellation
				from order_status_change where order_id = any(?) order by order_id, seq""")
			.param(ids)
			.query((rs, n) -> Map.entry(rs.getObject("order_id", UUID.class), statusChange(rs)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
		return rows.stream()
			.map(row -> Order.restore(row.id(), row.customerId(), row.customerEmail(), row.currency(),
					row.paymentMethod(), lines.getOrDefault(row.id(), List.of()), row.placedAt(), row.deadline(),
					row.status(), history.getOrDefault(row.id(), List.of())))
			.toList();
	}

	private static StatusChange statusChange(ResultSet rs) throws SQLException {
		String cancellation = rs.getString("cancellation");
		return new StatusChange(OrderStatus.valueOf(rs.getString("status")), rs.getTimestamp("changed_at").toInstant(),
				rs.getString("reason"), rs.getString("decline_reason"),
				cancellation == null ? null : Cancellation.valueOf(cancellation));
	}

	private static OrderRow orderRow(ResultSet rs, int rowNum) throws SQLException {
		return new OrderRow(rs.getObject("id", UUID.class), rs.getString("customer_id"), rs.getString("customer_email"),
				rs.getString("currency"), rs.getString("payment_method"), rs.getTimestamp("placed_at").toInstant(),
				rs.getTimestamp("deadline").toInstant(), OrderStatus.valueOf(rs.getString("status")));
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}

	private record OrderRow(UUID id, String customerId, String customerEmail, String currency, String paymentMethod,
			Instant placedAt, Instant deadline, OrderStatus status) {
	}

}
