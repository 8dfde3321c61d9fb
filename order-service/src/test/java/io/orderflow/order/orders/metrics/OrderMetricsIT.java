package io.orderflow.order.orders.metrics;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.order.OrderServiceIntegrationTestBase;
import io.orderflow.testsupport.http.PrometheusScrape;
import io.orderflow.testsupport.identity.TestIdentities;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration: order-service's metrics as Prometheus scrapes them, on the real broker and
 * database. Counters are compared before and after, since the service's context (and its
 * counters) is shared by every IT.
 */
class OrderMetricsIT extends OrderServiceIntegrationTestBase {

	private static final String APP = "order-service";

	private static final Duration ONE_HOUR = Duration.ofHours(1);

	@Autowired
	private DataSource dataSource;

	@Test
	void aConfirmedSagaIsCountedOnceThoughItsPaymentIsRedeliveredAndAStaleResultFollows() {
		PrometheusSamples before = scrape();
		UUID id = placeOrder(newCustomer("metrics-confirmed"));
		PaymentAuthorized payment = authorized(id);

		publish(payment);
		publish(payment);
		// same key, so consumed after both copies; it finds the order confirmed and
		// changes nothing
		PaymentDeclined stale = declined(id, "too_late");
		publish(stale);
		awaitProcessed(stale.eventId());

		assertThat(status(id)).isEqualTo("CONFIRMED");
		PrometheusSamples after = scrape();
		assertThat(increase(before, after, "orderflow_orders_placed_total")).isEqualTo(1);
		assertThat(increase(before, after, "orderflow_orders_completed_total", "outcome", "confirmed")).isEqualTo(1);
		assertThat(increase(before, after, "orderflow_orders_completed_total", "outcome", "rejected")).isZero();
		assertThat(increase(before, after, "orderflow_saga_duration_seconds_count", "outcome", "confirmed"))
			.isEqualTo(1);
		assertThat(
				increase(before, after, "orderflow_saga_duration_seconds_bucket", "outcome", "confirmed", "le", "+Inf"))
			.isEqualTo(1);
		assertThat(increase(before, after, "orderflow_saga_duration_seconds_sum", "outcome", "confirmed")).isPositive();
	}

	@Test
	void everyOutcomeIsExposedFromTheStartWithItsSagaDurationBuckets() {
		PrometheusSamples samples = scrape();

		for (String outcome : new String[] { "confirmed", "rejected", "cancelled", "expired" }) {
			assertThat(samples.of("orderflow_orders_completed_total", "outcome", outcome, "application", APP))
				.as(outcome)
				.hasSize(1);
			assertThat(samples.of("orderflow_saga_duration_seconds_bucket", "outcome", outcome, "application", APP))
				.as(outcome)
				.extracting(sample -> sample.labels().get("le"))
				.containsExactly("0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0", "30.0",
						"+Inf");
		}
		assertThat(samples.of("orderflow_orders_placed_total", "application", APP)).hasSize(1);
	}

	@Test
	void aSagaStuckForAnHourShowsInTheInFlightGaugesUntilItsOutcomeArrives() {
		UUID id = placeOrder(newCustomer("metrics-stuck"));
		// placed an hour ago and still not due to expire: what a stuck saga looks like
		assertThat(jdbc.sql("""
				update customer_order
				set placed_at = placed_at - make_interval(secs => ?), deadline = deadline + make_interval(secs => ?)
				where id = ? and status = 'PENDING'""").params(ONE_HOUR.toSeconds(), ONE_HOUR.toSeconds(), id).update())
			.isEqualTo(1);

		eventually().atMost(gaugesRefreshed()).untilAsserted(() -> {
			PrometheusSamples samples = scrape();
			assertThat(samples.sum("orderflow_orders_in_flight", "application", APP)).isGreaterThanOrEqualTo(1);
			assertThat(samples.sum("orderflow_orders_in_flight_oldest_age_seconds", "application", APP))
				.isGreaterThanOrEqualTo(ONE_HOUR.toSeconds());
		});

		publish(authorized(id));
		awaitStatus(id, "CONFIRMED");

		eventually().atMost(gaugesRefreshed())
			.untilAsserted(
					() -> assertThat(scrape().sum("orderflow_orders_in_flight_oldest_age_seconds", "application", APP))
						.isLessThan(ONE_HOUR.toSeconds()));
	}

	/**
	 * An order confirmed an hour ago and cancelled now waits for its refund under a fresh
	 * deadline: in flight "for an hour", yet not overdue. Held past that deadline (a row
	 * lock the expiry job skips, as when it cannot commit), it is overdue counted from
	 * the fresh deadline, seconds rather than an hour; released, it expires and is not
	 * overdue any more.
	 */
	@Test
	void overdueCountsFromTheEffectiveDeadlineACancellationsFreshOneIncluded() throws SQLException {
		UUID id = placeOrder(newCustomer("metrics-overdue"));
		publish(authorized(id));
		awaitStatus(id, "CONFIRMED");
		assertThat(jdbc.sql("""
				update customer_order
				set placed_at = placed_at - make_interval(secs => ?), deadline = deadline - make_interval(secs => ?)
				where id = ?""").params(ONE_HOUR.toSeconds(), ONE_HOUR.toSeconds(), id).update()).isEqualTo(1);
		assertThat(cancel(id).statusCode()).isEqualTo(202);
		Instant freshDeadline = Instant.parse(order(id).get("deadline").asString());
		assertThat(freshDeadline).as("the cancellation's deadline")
			.isAfter(Instant.now().minusSeconds(DEADLINE_SECONDS));

		try (Connection expiryBlocked = dataSource.getConnection()) {
			expiryBlocked.setAutoCommit(false);
			try (PreparedStatement lock = expiryBlocked
				.prepareStatement("select id from customer_order where id = ? for update")) {
				lock.setObject(1, id);
				lock.executeQuery().close();
			}

			eventually().atMost(gaugesRefreshed().plusSeconds(DEADLINE_SECONDS)).untilAsserted(() -> {
				PrometheusSamples samples = scrape();
				double secondsPastFreshDeadline = Duration.between(freshDeadline, Instant.now()).toMillis() / 1000.0;
				assertThat(samples.sum("orderflow_orders_in_flight_oldest_age_seconds", "application", APP))
					.as("in flight since it was placed")
					.isGreaterThanOrEqualTo(ONE_HOUR.toSeconds());
				assertThat(samples.sum("orderflow_orders_overdue", "application", APP)).isGreaterThanOrEqualTo(1);
				assertThat(samples.sum("orderflow_orders_overdue_oldest_age_seconds", "application", APP))
					.as("seconds past the fresh deadline, not since placing")
					.isPositive()
					.isLessThanOrEqualTo(secondsPastFreshDeadline + 1);
			});
			assertThat(status(id)).as("held back from the expiry job").isEqualTo("CANCELLATION_REQUESTED");
			expiryBlocked.rollback();
		}

		awaitStatus(id, "EXPIRED");
		eventually().atMost(gaugesRefreshed())
			.untilAsserted(() -> assertThat(scrape().sum("orderflow_orders_overdue", "application", APP)).isZero());
	}

	@Test
	void messagingMetricsOfTheServiceAreExposedUnderItsName() {
		UUID id = placeOrder(newCustomer("metrics-messaging"));
		PaymentAuthorized payment = authorized(id);
		publish(payment);
		awaitProcessed(payment.eventId());
		awaitOutboxDrained(id);

		eventually().atMost(gaugesRefreshed()).untilAsserted(() -> {
			PrometheusSamples samples = scrape();
			assertThat(samples.of("orderflow_outbox_backlog", "application", APP)).singleElement()
				.satisfies(backlog -> assertThat(backlog.value()).isZero());
			assertThat(samples.of("orderflow_outbox_oldest_age_seconds", "application", APP)).singleElement()
				.satisfies(age -> assertThat(age.value()).isZero());
			assertThat(samples.of("kafka_consumer_fetch_manager_records_lag_max", "application", APP)).isNotEmpty();
			assertThat(samples.of("kafka_producer_record_send_total", "application", APP)).isNotEmpty();
			assertThat(samples.of("spring_kafka_listener_seconds_count", "application", APP, "result", "success"))
				.isNotEmpty()
				.allSatisfy(timer -> assertThat(timer.labels()).containsKey("name"));
			assertThat(samples.sum("spring_kafka_listener_seconds_count", "application", APP, "result", "success"))
				.isPositive();
			assertThat(samples.of("orderflow_dead_letters", "application", APP)).isNotEmpty();
		});
	}

	private PrometheusSamples scrape() {
		HttpResponse<String> response = PrometheusScrape.scrape(port, TestIdentities.operatorToken());
		assertThat(response.statusCode()).isEqualTo(200);
		return PrometheusSamples.parse(response.body());
	}

	private static double increase(PrometheusSamples before, PrometheusSamples after, String name, String... labels) {
		String[] withApplication = withApplication(labels);
		return after.sum(name, withApplication) - before.sum(name, withApplication);
	}

	private static String[] withApplication(String... labels) {
		String[] all = new String[labels.length + 2];
		all[0] = "application";
		all[1] = APP;
		System.arraycopy(labels, 0, all, 2, labels.length);
		return all;
	}

	/**
	 * Long enough for a cached reading of the database gauges to expire, and the next one
	 * to show the change.
	 */
	private static Duration gaugesRefreshed() {
		return InFlightOrderMetrics.REFRESH.multipliedBy(4);
	}

}
