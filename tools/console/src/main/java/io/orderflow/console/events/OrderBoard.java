package io.orderflow.console.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The orders the console has seen on the topics, each with its timeline, state and
 * latency, and the chart of outcomes per second. Bounded: the oldest orders are forgotten
 * first. Thread-safe.
 */
public final class OrderBoard {

	public static final int DEFAULT_CAPACITY = 2_000;

	private final int capacity;

	private final Map<String, TrackedOrder> orders = new LinkedHashMap<>();

	private final Set<String> changed = new LinkedHashSet<>();

	private final Throughput throughput = new Throughput();

	private Consumer<OrderView> outcomeListener = order -> {
	};

	private long seen;

	public OrderBoard(int capacity) {
		this.capacity = capacity;
	}

	/** Called (outside the board's lock) with each order that reaches its outcome. */
	public synchronized void onOutcome(Consumer<OrderView> listener) {
		this.outcomeListener = listener;
	}

	/**
	 * Takes in one record of a producer's topic; anything that is not a well-formed event
	 * is left out.
	 */
	public void apply(ObservedEvent.Parsed parsed) {
		if (parsed.known() == null || parsed.event().key() == null) {
			return;
		}
		OrderView outcome = null;
		synchronized (this) {
			TrackedOrder order = order(parsed.event().key());
			boolean reachedOutcome = order.apply(parsed.event(), parsed.known(), parsed.json());
			changed.add(order.id);
			if (parsed.known().placed()) {
				throughput.placed(parsed.event().time());
			}
			if (reachedOutcome) {
				OrderView view = order.view();
				throughput.outcome(view.state(), view.outcomeAt(), view.latencyMillis());
				outcome = view;
			}
		}
		if (outcome != null) {
			outcomeListener.accept(outcome);
		}
	}

	/** The console placed this order; its events may not have arrived yet. */
	public synchronized void placedHere(String orderId) {
		order(orderId).placedHere();
		changed.add(orderId);
	}

	public synchronized void audited(String orderId, Audit audit) {
		TrackedOrder order = orders.get(orderId);
		if (order != null) {
			order.audited(audit);
			changed.add(orderId);
		}
	}

	public synchronized Optional<OrderView> find(String orderId) {
		return Optional.ofNullable(orders.get(orderId)).map(TrackedOrder::view);
	}

	/**
	 * The orders that changed since the last call, at most {@code max} (the most recent
	 * changes).
	 */
	public synchronized List<OrderView> drainChanged(int max) {
		List<String> ids = new ArrayList<>(changed);
		changed.clear();
		return ids.subList(Math.max(0, ids.size() - max), ids.size())
			.stream()
			.map(orders::get)
			.filter(order -> order != null)
			.map(TrackedOrder::view)
			.toList();
	}

	/** The most recently seen orders, newest first. */
	public synchronized List<OrderView> recent(int max) {
		return orders.values()
			.stream()
			.sorted(Comparator.comparingLong((TrackedOrder order) -> order.firstSeen).reversed())
			.limit(max)
			.map(TrackedOrder::view)
			.toList();
	}

	public synchronized int size() {
		return orders.size();
	}

	public List<ChartSecond> chart(Instant now) {
		return throughput.series(now);
	}

	private TrackedOrder order(String id) {
		TrackedOrder order = orders.get(id);
		if (order == null) {
			order = new TrackedOrder(id, seen++);
			orders.put(id, order);
			if (orders.size() > capacity) {
				String eldest = orders.keySet().iterator().next();
				orders.remove(eldest);
				changed.remove(eldest);
			}
		}
		return order;
	}

}
