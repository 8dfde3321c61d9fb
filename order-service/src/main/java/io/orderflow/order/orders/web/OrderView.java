package io.orderflow.order.orders.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.order.orders.Order;
import io.orderflow.order.orders.OrderStatus;

/** An order as clients see it: state, amounts, and the history of its state with timestamps. */
public record OrderView(UUID id, OrderStatus status, String customerId, String customerEmail, String currency,
		BigDecimal total, List<Line> lines, Instant placedAt, Instant deadline, List<Change> history) {

	static OrderView of(Order order) {
		return new OrderView(order.id(), order.status(), order.customerId(), order.customerEmail(), order.currency(),
				order.total(), order.lines().stream().map(l -> new Line(l.sku(), l.quantity(), l.unitPrice())).toList(),
				order.placedAt(), order.deadline(),
				order.history().stream().map(c -> new Change(c.status(), c.at(), c.reason())).toList());
	}

	/** One order line. */
	public record Line(String sku, int quantity, BigDecimal unitPrice) {
	}

	/** One step of the order's history. */
	public record Change(OrderStatus status, Instant at, String reason) {
	}

	/** A page of {@code GET /api/orders}. */
	public record Page(List<OrderView> content, int page, int size, long totalElements, long totalPages) {
	}

}
