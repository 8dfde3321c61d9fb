package io.orderflow.order.orders.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import io.orderflow.order.orders.Order;
import io.orderflow.order.orders.OrderRepository;
import io.orderflow.order.orders.StatusChange;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts the saga where its steps are stored: an order inserted was placed, an update that stored an outcome
 * completed the saga. Counted once the transaction commits, so a rolled-back change counts nothing; and a stale or
 * duplicate event changes nothing, so it is never stored and never counted.
 */
final class MeteredOrderRepository implements OrderRepository {

	private final OrderRepository orders;

	private final Supplier<SagaMetrics> metrics;

	MeteredOrderRepository(OrderRepository orders, Supplier<SagaMetrics> metrics) {
		this.orders = orders;
		this.metrics = metrics;
	}

	@Override
	public void insert(Order order) {
		orders.insert(order);
		afterCommit(() -> metrics.get().placed());
	}

	@Override
	public void update(Order order) {
		List<StatusChange> changes = List.copyOf(order.unsavedChanges());
		orders.update(order);
		Instant placedAt = order.placedAt();
		for (StatusChange change : changes) {
			if (SagaMetrics.OUTCOMES.contains(change.status())) {
				afterCommit(() -> metrics.get().completed(change.status(), Duration.between(placedAt, change.at())));
			}
		}
	}

	@Override
	public Optional<Order> findById(UUID id) {
		return orders.findById(id);
	}

	@Override
	public Optional<Order> lockById(UUID id) {
		return orders.lockById(id);
	}

	@Override
	public List<Order> lockOverdue(Instant now, int limit) {
		return orders.lockOverdue(now, limit);
	}

	@Override
	public OrderPage find(OrderQuery query) {
		return orders.find(query);
	}

	private static void afterCommit(Runnable count) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			count.run(); // no transaction: the write is already committed
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				count.run();
			}
		});
	}

}
