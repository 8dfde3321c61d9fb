package io.orderflow.messaging.outbox;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.orderflow.messaging.metrics.WaitingGauges;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code orderflow.outbox.backlog} (rows waiting to be relayed) and
 * {@code orderflow.outbox.oldest.age} (seconds the oldest of them has waited, 0 when
 * there is none): a relay that is stuck or cannot reach Kafka shows here first.
 *
 * <p>
 * One query at most once per {@link #REFRESH}, cached and failure-tolerant as
 * {@link WaitingGauges} explains.
 */
public class OutboxMetrics implements MeterBinder {

	public static final String BACKLOG = "orderflow.outbox.backlog";

	public static final String OLDEST_AGE = "orderflow.outbox.oldest.age";

	static final Duration REFRESH = Duration.ofSeconds(5);

	// the age is measured by the database's clock, the one that stamped created_at
	private static final String BACKLOG_QUERY = """
			select count(*), coalesce(extract(epoch from now() - min(created_at)), 0)
			from outbox_message""";

	private final WaitingGauges gauges;

	public OutboxMetrics(JdbcClient jdbc) {
		this.gauges = new WaitingGauges(BACKLOG, "Outbox rows waiting to be relayed to Kafka", OLDEST_AGE,
				"How long the oldest outbox row has waited to be relayed, 0 when none waits",
				() -> jdbc.sql(BACKLOG_QUERY)
					.query((rs, n) -> new WaitingGauges.Reading(rs.getLong(1), rs.getDouble(2)))
					.single(),
				REFRESH);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		gauges.bindTo(registry);
	}

}
