package io.orderflow.notification.notifications.persistence;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.orderflow.messaging.metrics.WaitingGauges;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The emails that are not sent, for an operator to see:
 * <ul>
 * <li>{@code orderflow.emails.deferred} (the mail server refused the recipient for now;
 * sent again within the retry budget) and {@code orderflow.emails.deferred.oldest.age}
 * (seconds since the oldest of them was first tried, 0 when none): a count that stays up
 * while the age grows means a recipient's server keeps refusing, or the mail server is
 * down;</li>
 * <li>{@code orderflow.emails.undeliverable} (refused for good or past the budget; their
 * events wait in the dead-letter topic for an operator's replay) and
 * {@code orderflow.emails.undeliverable.oldest.age}.</li>
 * </ul>
 * One query each on a partial index, at most once per {@link #REFRESH}, cached and
 * failure-tolerant as {@link WaitingGauges} explains.
 */
@Component
class EmailMetrics implements MeterBinder {

	static final String DEFERRED = "orderflow.emails.deferred";

	static final String UNDELIVERABLE = "orderflow.emails.undeliverable";

	static final Duration REFRESH = Duration.ofSeconds(5);

	/** The status as a literal, so that the planner can use its partial index. */
	private static final String QUERY = """
			select count(*), coalesce(extract(epoch from now() - min(composed_at)), 0)
			from notification where status = '%s'""";

	private final WaitingGauges deferred;

	private final WaitingGauges undeliverable;

	EmailMetrics(JdbcClient jdbc) {
		this.deferred = gauges(jdbc, DEFERRED, "DEFERRED", "Emails the mail server refused for now, to be sent again",
				"Seconds since the oldest deferred email was first tried, 0 when none");
		this.undeliverable = gauges(jdbc, UNDELIVERABLE, "UNDELIVERABLE",
				"Emails given up, their events in the dead-letter topic for an operator",
				"Seconds since the oldest undeliverable email was first tried, 0 when none");
	}

	private static WaitingGauges gauges(JdbcClient jdbc, String name, String status, String countDescription,
			String ageDescription) {
		String query = QUERY.formatted(status);
		return new WaitingGauges(name, countDescription, name + ".oldest.age", ageDescription,
				() -> jdbc.sql(query)
					.query((rs, n) -> new WaitingGauges.Reading(rs.getLong(1), rs.getDouble(2)))
					.single(),
				REFRESH);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		deferred.bindTo(registry);
		undeliverable.bindTo(registry);
	}

}
