package io.orderflow.order.orders;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where orders are kept (adapter: {@code persistence.JdbcOrderRepository}). */
public interface OrderRepository {

	void insert(Order order);

	/**
	 * Saves the status and appends the unsaved history of an order loaded with
	 * {@link #lockById}.
	 */
	void update(Order order);

	Optional<Order> findById(UUID id);

	/**
	 * Loads the order and locks its row until the transaction ends: one writer per order
	 * at a time.
	 */
	Optional<Order> lockById(UUID id);

	/**
	 * Locks up to {@code limit} orders past their deadline that still await an outcome,
	 * skipping locked ones.
	 */
	List<Order> lockOverdue(Instant now, int limit);

	/**
	 * A page of {@code GET /api/orders}, newest first; every filter and position is
	 * served by an index.
	 */
	OrderPage find(OrderQuery query);

	/**
	 * How many matching orders a listing counts, and how deep an offset may reach: a
	 * count or an offset costs a read of every row it passes, so both stop here. Deeper
	 * pages are reached by position ({@link OrderQuery#after}).
	 */
	int COUNT_LIMIT = 10_000;

	/**
	 * Filters and page of {@code GET /api/orders}; null filters match everything. A page
	 * starts right after the position {@code after} when one is given, otherwise
	 * {@code offset} orders from the newest.
	 */
	record OrderQuery(String customerId, OrderStatus status, Position after, int offset, int size) {

		public OrderQuery {
			if (after != null && offset != 0) {
				throw new IllegalArgumentException("A page starts after a position or at an offset, not both");
			}
			if (offset < 0 || size < 1 || offset + size > COUNT_LIMIT) {
				throw new IllegalArgumentException("offset " + offset + " and size " + size + " beyond " + COUNT_LIMIT);
			}
		}

	}

	/**
	 * Where an order stands in the listing, newest first: by the time it was placed, then
	 * by id.
	 */
	record Position(Instant placedAt, UUID id) {
	}

	/**
	 * @param totalElements the matching orders, counted up to {@link #COUNT_LIMIT}
	 * @param totalExact false when more orders match than were counted
	 * @param next the position of this page's last order when more orders follow, else
	 * null
	 */
	record OrderPage(List<Order> content, long totalElements, boolean totalExact, Position next) {
	}

}
