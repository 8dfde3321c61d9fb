package io.orderflow.payment.payments;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.orderflow.testsupport.http.PrometheusScrape;
import io.orderflow.testsupport.identity.TestIdentities;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration: what payment-service exposes to Prometheus once it has charged an order,
 * every meter tagged with the service's name: the outbox, its Kafka clients and listener,
 * dead letters and the provider edge.
 */
class PaymentServiceMetricsIT extends PaymentServiceIntegrationTestBase {

	private static final String APPLICATION = "application=\"payment-service\"";

	@Test
	void theServiceExposesItsMessagingAndResilienceMetricsUnderItsName() {
		UUID orderId = UUID.randomUUID();
		publish(orderPlaced(orderId, "pm_card_visa"));
		await().atMost(Duration.ofSeconds(30)).until(() -> !paymentEventsFor(orderId).isEmpty());

		// the outbox gauges read the database at most every few seconds
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			String scrape = PrometheusScrape.text(port, TestIdentities.operatorToken());
			assertThat(PrometheusScrape.samples(scrape, "orderflow_outbox_backlog")).singleElement()
				.asString()
				.contains(APPLICATION);
			assertThat(PrometheusScrape.samples(scrape, "orderflow_outbox_oldest_age_seconds")).singleElement()
				.asString()
				.contains(APPLICATION);
			assertThat(PrometheusScrape.samples(scrape, "orderflow_dead_letters")).isNotEmpty()
				.allSatisfy(sample -> assertThat(sample).contains(APPLICATION,
						"topic=\"orderflow.order.events.payment-service.dlt\""));
			assertThat(PrometheusScrape.samples(scrape, "kafka_consumer_fetch_manager_records_lag_max")).isNotEmpty()
				.allSatisfy(sample -> assertThat(sample).contains(APPLICATION));
			assertThat(PrometheusScrape.samples(scrape, "kafka_producer_record_send_total")).isNotEmpty()
				.allSatisfy(sample -> assertThat(sample).contains(APPLICATION));
			assertThat(PrometheusScrape.samples(scrape, "spring_kafka_listener_seconds_count"))
				.anySatisfy(sample -> assertThat(sample).contains(APPLICATION, "name=\"", "result=\"success\""));
			for (String resilience : List.of("resilience4j_circuitbreaker_state",
					"resilience4j_circuitbreaker_calls_seconds_count",
					"resilience4j_circuitbreaker_not_permitted_calls_total",
					"resilience4j_bulkhead_available_concurrent_calls")) {
				assertThat(PrometheusScrape.samples(scrape, resilience)).as(resilience)
					.anySatisfy(sample -> assertThat(sample).contains(APPLICATION, "name=\"payment-provider\""));
			}
		});
	}

}
