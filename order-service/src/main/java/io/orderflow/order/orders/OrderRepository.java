package io.orderflow.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where orders are kept (adapter: {@code persistence.JdbcOrderRepository}). */
public interface OrderRepository {

	void insert(Order order);

	/** Saves the status and appends the unsaved history of an order loaded with {@link #lockById}. */
	void update(Order order);

	Optional<Order> findById(UUID id);

	/** Loads the order and locks its row until the transaction ends: one writer per order at a time. */
	Optional<Order> lockById(UUID id);

	/** Locks up to {@code limit} orders past their deadline that still await an outcome, skipping locked ones. */
	List<Order> lockOverdue(Instant now, int limit);

	OrderPage find(OrderQuery query);

	/** Filters and page of {@code GET /api/orders}; null filters match everything. */
	record OrderQuery(String customerId, OrderStatus status, int page, int size) {
	}

	record OrderPage(List<Order> content, int page, int size, long totalElements) {
	}

}
