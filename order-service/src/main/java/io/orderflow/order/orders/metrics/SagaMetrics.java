package io.orderflow.order.orders.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderflow.order.orders.OrderDomainEvent;
import io.orderflow.order.orders.OrderDomainEvent.CancellationRequested;
import io.orderflow.order.orders.OrderDomainEvent.Outcome;
import io.orderflow.order.orders.OrderDomainEvent.Placed;
import io.orderflow.order.orders.OrderStatus;

import org.springframework.transaction.event.TransactionalEventListener;

/**
 * The saga's business meters: {@code orderflow.orders.placed},
 * {@code orderflow.orders.completed{outcome}} and
 * {@code orderflow.saga.duration{outcome}} (placed to outcome, a histogram with
 * {@link #SLO} buckets). An outcome is what the customer is told about, so a confirmed
 * order cancelled later completes twice: confirmed, then cancelled.
 *
 * <p>
 * Counted from the order's domain events, which {@code OrderService} publishes once it
 * stored the order, when the transaction that stored them commits: a rolled-back change
 * counts nothing, and a stale or duplicate payment event changes nothing, so it raises no
 * event and counts nothing.
 */
class SagaMetrics {

	static final String PLACED = "orderflow.orders.placed";

	static final String COMPLETED = "orderflow.orders.completed";

	static final String DURATION = "orderflow.saga.duration";

	static final Set<OrderStatus> OUTCOMES = Set.of(OrderStatus.CONFIRMED, OrderStatus.REJECTED, OrderStatus.CANCELLED,
			OrderStatus.EXPIRED);

	/**
	 * The histogram's buckets, few and round so that dashboards can name them: from an
	 * order confirmed at once to a provider retrying for a while. Slower sagas (an expiry
	 * after the default 15-minute deadline) land in +Inf.
	 */
	private static final Duration[] SLO = { Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
			Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
			Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30) };

	private final Counter placed;

	private final Map<OrderStatus, Counter> completed = new EnumMap<>(OrderStatus.class);

	private final Map<OrderStatus, Timer> durations = new EnumMap<>(OrderStatus.class);

	/**
	 * Registers every outcome at once, so a dashboard shows 0 rather than no data for one
	 * not seen yet.
	 */
	SagaMetrics(MeterRegistry registry) {
		this.placed = Counter.builder(PLACED).description("Orders accepted (202)").register(registry);
		for (OrderStatus outcome : OUTCOMES) {
			String tag = outcome.name().toLowerCase(Locale.ROOT);
			completed.put(outcome,
					Counter.builder(COMPLETED)
						.description("Orders that reached an outcome the customer is told about")
						.tag("outcome", tag)
						.register(registry));
			durations.put(outcome,
					Timer.builder(DURATION)
						.description("Time from placing an order to its outcome")
						.tag("outcome", tag)
						.serviceLevelObjectives(SLO)
						.register(registry));
		}
	}

	@TransactionalEventListener(fallbackExecution = true)
	void on(OrderDomainEvent event) {
		switch (event) {
			case Placed placed -> this.placed.increment();
			case Outcome outcome -> {
				completed.get(outcome.status()).increment();
				durations.get(outcome.status()).record(outcome.sincePlaced());
			}
			case CancellationRequested requested -> {
				// a step, not an outcome: the customer hears of the cancellation once it
				// is complete
			}
		}
	}

}
