package io.orderflow.messaging.outbox;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.messaging.MessagingIntegrationTest;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration: the outbox gauges on a real PostgreSQL and broker. A row is kept waiting
 * deterministically by holding the relay's advisory lock, as another instance relaying
 * would; released, the relay drains it and the gauges fall to zero.
 */
class OutboxMetricsIT extends MessagingIntegrationTest {

	/** {@code OutboxRelay}'s lock: whoever holds it is the one relay of this database. */
	private static final long RELAY_LOCK_KEY = 0x6f7574626f78L;

	private static final Duration ONE_HOUR = Duration.ofHours(1);

	@Autowired
	MeterRegistry meters;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void aRowWaitingToBeRelayedIsTheBacklogWithItsAgeAndTheGaugesFallToZeroOnceItIsRelayed() throws SQLException {
		OrderPlaced event = placed();

		try (Connection anotherRelay = dataSource.getConnection()) {
			// held until this transaction ends, however the test ends
			anotherRelay.setAutoCommit(false);
			holdRelayLock(anotherRelay);
			transactions.executeWithoutResult(tx -> outbox.add(OrderEvent.CATALOG, event));
			// backdated, so the age asserted is far above anything a scrape's timing
			// could produce
			jdbc.sql("update outbox_message set created_at = created_at - make_interval(secs => ?) where event_id = ?")
				.params(ONE_HOUR.toSeconds(), event.eventId())
				.update();

			eventually().untilAsserted(() -> {
				assertThat(gauge(OutboxMetrics.BACKLOG)).isEqualTo(1);
				assertThat(gauge(OutboxMetrics.OLDEST_AGE)).isGreaterThanOrEqualTo(ONE_HOUR.toSeconds());
			});

			anotherRelay.rollback();
		}

		eventually().untilAsserted(() -> {
			assertThat(gauge(OutboxMetrics.BACKLOG)).isZero();
			assertThat(gauge(OutboxMetrics.OLDEST_AGE)).isZero();
		});
		assertThat(jdbc.sql("select count(*) from outbox_message").query(Long.class).single()).isZero();
	}

	private double gauge(String name) {
		return meters.get(name).gauge().value();
	}

	private static void holdRelayLock(Connection connection) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
			statement.setLong(1, RELAY_LOCK_KEY);
			statement.executeQuery().close();
		}
	}

	/**
	 * Longer than the gauges' refresh interval, so a reading cached before the change has
	 * expired.
	 */
	private static ConditionFactory eventually() {
		return await().atMost(OutboxMetrics.REFRESH.multipliedBy(4)).pollInterval(Duration.ofMillis(200));
	}

	private static OrderPlaced placed() {
		return new OrderPlaced(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), UUID.randomUUID(),
				"c-1", "c-1@example.com", "EUR", new BigDecimal("25.00"), "pm_card_visa",
				List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50"))));
	}

}
