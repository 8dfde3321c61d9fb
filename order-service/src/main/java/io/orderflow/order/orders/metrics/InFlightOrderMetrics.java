package io.orderflow.order.orders.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.orderflow.messaging.metrics.WaitingGauges;
import io.orderflow.order.orders.OrderStatus;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code orderflow.orders.in.flight} (orders whose saga still awaits an outcome: pending, or cancellation requested)
 * and {@code orderflow.orders.in.flight.oldest.age} (seconds since the oldest of them was placed, 0 when none): the
 * signals of a stuck saga. The age is counted from placing, like the saga deadline: an order in flight for longer
 * than the deadline means the expiry job is not doing its work.
 *
 * <p>One query on the index of orders awaiting an outcome, at most once per {@link #REFRESH}, cached and
 * failure-tolerant as {@link WaitingGauges} explains.
 */
class InFlightOrderMetrics implements MeterBinder {

	static final String IN_FLIGHT = "orderflow.orders.in.flight";

	static final String OLDEST_AGE = "orderflow.orders.in.flight.oldest.age";

	static final Duration REFRESH = Duration.ofSeconds(5);

	/**
	 * The statuses as literals, not a parameter, so that the planner can use the partial index
	 * {@code customer_order_awaiting_outcome}.
	 */
	private static final String IN_FLIGHT_QUERY = """
			select count(*), coalesce(extract(epoch from now() - min(placed_at)), 0)
			from customer_order where status in (%s)""".formatted(Arrays.stream(OrderStatus.values())
		.filter(OrderStatus::awaitsOutcome)
		.map(status -> "'" + status.name() + "'")
		.collect(Collectors.joining(", ")));

	private final WaitingGauges gauges;

	InFlightOrderMetrics(JdbcClient jdbc) {
		this.gauges = new WaitingGauges(IN_FLIGHT, "Orders whose saga awaits an outcome", OLDEST_AGE,
				"Seconds since the oldest order in flight was placed, 0 when none",
				() -> jdbc.sql(IN_FLIGHT_QUERY)
					.query((rs, n) -> new WaitingGauges.Reading(rs.getLong(1), rs.getDouble(2)))
					.single(),
				REFRESH);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauges.bindTo(registry);
	}

}
