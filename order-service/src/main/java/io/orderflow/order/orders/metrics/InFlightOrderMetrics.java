package io.orderflow.order.orders.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.orderflow.messaging.metrics.WaitingGauges;
import io.orderflow.order.orders.OrderStatus;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The signals of a stuck saga, over the orders whose saga still awaits an outcome
 * (pending, or cancellation requested):
 * <ul>
 * <li>{@code orderflow.orders.in.flight} and
 * {@code orderflow.orders.in.flight.oldest.age}: how many, and seconds since the oldest
 * of them was placed (0 when none): how long a customer has waited, which alerts early
 * ({@code SagasDelayed});</li>
 * <li>{@code orderflow.orders.overdue} and {@code orderflow.orders.overdue.oldest.age}:
 * how many are past their <em>effective</em> deadline, and seconds since the earliest
 * such deadline passed (0 when none). The effective deadline is the one stored with the
 * order, which the expiry job acts on: the saga deadline after placing, or a fresh one
 * when a paid order's cancellation waits for its refund. An order confirmed an hour ago
 * and cancelled now has been in flight "for an hour" but is not late; only an order past
 * that deadline and still not expired means the expiry job is not doing its work
 * ({@code SagasStuckPastDeadline}).</li>
 * </ul>
 *
 * <p>
 * Each pair is one query on the partial index of orders awaiting an outcome, at most once
 * per {@link #REFRESH}, cached and failure-tolerant as {@link WaitingGauges} explains.
 */
class InFlightOrderMetrics implements MeterBinder {

	static final String IN_FLIGHT = "orderflow.orders.in.flight";

	static final String OLDEST_AGE = "orderflow.orders.in.flight.oldest.age";

	static final String OVERDUE = "orderflow.orders.overdue";

	static final String OVERDUE_AGE = "orderflow.orders.overdue.oldest.age";

	static final Duration REFRESH = Duration.ofSeconds(5);

	/**
	 * The statuses as literals, not a parameter, so that the planner can use the partial
	 * index {@code customer_order_awaiting_outcome}.
	 */
	private static final String AWAITING_OUTCOME = "status in (%s)".formatted(Arrays.stream(OrderStatus.values())
		.filter(OrderStatus::awaitsOutcome)
		.map(status -> "'" + status.name() + "'")
		.collect(Collectors.joining(", ")));

	private static final String IN_FLIGHT_QUERY = """
			select count(*), coalesce(extract(epoch from now() - min(placed_at)), 0)
			from customer_order where %s""".formatted(AWAITING_OUTCOME);

	private static final String OVERDUE_QUERY = """
			select count(*), coalesce(extract(epoch from now() - min(deadline)), 0)
			from customer_order where %s and deadline <= now()""".formatted(AWAITING_OUTCOME);

	private final WaitingGauges inFlight;

	private final WaitingGauges overdue;

	InFlightOrderMetrics(JdbcClient jdbc) {
		this.inFlight = new WaitingGauges(IN_FLIGHT, "Orders whose saga awaits an outcome", OLDEST_AGE,
				"Seconds since the oldest order in flight was placed, 0 when none", reading(jdbc, IN_FLIGHT_QUERY),
				REFRESH);
		this.overdue = new WaitingGauges(OVERDUE,
				"Orders in flight past their effective deadline (a cancellation's fresh one included), not expired yet",
				OVERDUE_AGE,
				"Seconds since the effective deadline of the most overdue order in flight passed, 0 when none",
				reading(jdbc, OVERDUE_QUERY), REFRESH);
	}

	private static Supplier<WaitingGauges.Reading> reading(JdbcClient jdbc, String query) {
		return () -> jdbc.sql(query)
			.query((rs, n) -> new WaitingGauges.Reading(rs.getLong(1), rs.getDouble(2)))
			.single();
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		inFlight.bindTo(registry);
		overdue.bindTo(registry);
	}

}
