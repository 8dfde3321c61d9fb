package io.orderflow.order.orders.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.order.orders.Order;
import io.orderflow.order.orders.OrderRepository;
import io.orderflow.order.orders.OrderStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * An order as clients see it: state, amounts, and the history of its state with
 * timestamps.
 */
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

	/**
	 * A page of {@code GET /api/orders}.
	 *
	 * @param page the page number asked for, null when the page was asked for by
	 * {@code after}
	 * @param totalElements the matching orders, counted up to
	 * {@code OrderRepository.COUNT_LIMIT}
	 * @param totalElementsExact false when more orders match than were counted
	 * @param next where the next page starts (pass it as {@code after}), null on the last
	 * page
	 */
	public record Page(List<OrderView> content, @Schema(
			description = "The page number asked for; null when the page was asked for by `after`") @Nullable Integer page,
			int size,
			@Schema(description = "The matching orders, counted up to "
					+ OrderRepository.COUNT_LIMIT) long totalElements,
			@Schema(description = "false when more orders match than `totalElements` counts") boolean totalElementsExact,
			long totalPages,
			@Schema(description = "Where the next page starts: pass it unchanged as `after`; null on the last page") @Nullable String next) {
	}

}
