package io.orderflow.notification.notifications;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.orderflow.testsupport.http.PrometheusScrape;
import io.orderflow.testsupport.identity.TestIdentities;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration: what notification-service exposes to Prometheus once it has emailed an
 * outcome, every meter tagged with the service's name: its (empty) outbox, Kafka consumer
 * and listener, dead letters, the emails not sent and the mail edge.
 */
class NotificationServiceMetricsIT extends NotificationServiceIntegrationTestBase {

	private static final String APPLICATION = "application=\"notification-service\"";

	@Test
	void theServiceExposesItsMessagingAndResilienceMetricsUnderItsName() {
		UUID orderId = UUID.randomUUID();
		publish(confirmed(orderId));
		await().atMost(Duration.ofSeconds(30)).until(() -> !mailsAbout(orderId).isEmpty());

		// the outbox gauges read the database at most every few seconds
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String scrape = PrometheusScrape.text(port, TestIdentities.operatorToken());
			assertThat(PrometheusScrape.samples(scrape, "orderflow_outbox_backlog")).singleElement()
				.asString()
				.contains(APPLICATION)
				.endsWith(" 0.0");
			assertThat(PrometheusScrape.samples(scrape, "orderflow_outbox_oldest_age_seconds")).singleElement()
				.asString()
				.contains(APPLICATION)
				.endsWith(" 0.0");
			for (String emails : List.of("orderflow_emails_deferred", "orderflow_emails_deferred_oldest_age_seconds",
					"orderflow_emails_undeliverable", "orderflow_emails_undeliverable_oldest_age_seconds")) {
				assertThat(PrometheusScrape.samples(scrape, emails)).as(emails)
					.singleElement()
					.asString()
					.contains(APPLICATION);
			}
			assertThat(PrometheusScrape.samples(scrape, "orderflow_dead_letters")).isNotEmpty()
				.allSatisfy(sample -> assertThat(sample).contains(APPLICATION,
						"topic=\"orderflow.order.events.notification-service.dlt\""));
			assertThat(PrometheusScrape.samples(scrape, "kafka_consumer_fetch_manager_records_lag_max")).isNotEmpty()
				.allSatisfy(sample -> assertThat(sample).contains(APPLICATION));
			assertThat(PrometheusScrape.samples(scrape, "spring_kafka_listener_seconds_count"))
				.anySatisfy(sample -> assertThat(sample).contains(APPLICATION, "name=\"", "result=\"success\""));
			for (String resilience : List.of("resilience4j_circuitbreaker_state",
					"resilience4j_circuitbreaker_calls_seconds_count",
					"resilience4j_circuitbreaker_not_permitted_calls_total",
					"resilience4j_bulkhead_available_concurrent_calls")) {
				assertThat(PrometheusScrape.samples(scrape, resilience)).as(resilience)
					.anySatisfy(sample -> assertThat(sample).contains(APPLICATION, "name=\"mail-server\""));
			}
		});
	}

}
