package io.orderflow.console.status;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceMetricsTest {

	private static final String EXPOSITION = """
			# HELP resilience4j_circuitbreaker_state The states of the circuit breaker
			# TYPE resilience4j_circuitbreaker_state gauge
			resilience4j_circuitbreaker_state{application="payment-service",name="payment-provider",state="closed"} 0.0
			resilience4j_circuitbreaker_state{application="payment-service",name="payment-provider",state="open"} 1.0
			resilience4j_circuitbreaker_state{application="payment-service",name="payment-provider",state="half_open"} 0.0
			orderflow_outbox_backlog{application="payment-service"} 3.0
			orderflow_dead_letters{application="payment-service",topic="orderflow.order.events.payment-service.dlt"} 2.0
			orderflow_dead_letters{application="payment-service",topic="other.dlt"} 1.0
			kafka_consumer_fetch_manager_records_lag_max{client_id="a"} NaN
			kafka_consumer_fetch_manager_records_lag_max{client_id="b"} 17.0
			jvm_threads_live_threads 42.0
			""";

	@Test
	void readsTheBreakerStatesTheBacklogTheDeadLettersAndTheLag() {
		ServiceMetrics metrics = ServiceMetrics.from(EXPOSITION);

		assertThat(metrics.breakers()).containsExactly(Map.entry("payment-provider", "open"));
		assertThat(metrics.outboxBacklog()).isEqualTo(3.0);
		assertThat(metrics.deadLetters()).isEqualTo(3.0);
		assertThat(metrics.lagMax()).isEqualTo(17.0);
	}

	@Test
	void aMetricTheServiceDoesNotExposeIsUnknownNotZero() {
		ServiceMetrics metrics = ServiceMetrics.from("jvm_threads_live_threads 42.0\n");

		assertThat(metrics.outboxBacklog()).isNull();
		assertThat(metrics.deadLetters()).isNull();
		assertThat(metrics.lagMax()).isNull();
		assertThat(metrics.breakers()).isEmpty();
	}

	@Test
	void overInstancesTheServiceWideCountsAreNotAddedUpAndTheMostAlarmingBreakerShows() {
		ServiceMetrics first = new ServiceMetrics(3.0, 2.0, 17.0,
				Map.of("payment-provider", "closed", "mail-server", "half_open"));
		ServiceMetrics second = new ServiceMetrics(4.0, 2.0, 5.0,
				Map.of("payment-provider", "open", "mail-server", "closed"));

		ServiceMetrics service = ServiceMetrics.ofInstances(List.of(first, ServiceMetrics.UNKNOWN, second));

		assertThat(service.outboxBacklog()).isEqualTo(4.0);
		assertThat(service.deadLetters()).isEqualTo(2.0);
		assertThat(service.lagMax()).isEqualTo(17.0);
		assertThat(service.breakers()).containsOnly(Map.entry("payment-provider", "open"),
				Map.entry("mail-server", "half_open"));
	}

	@Test
	void overInstancesOfWhichNoneAnsweredNothingIsKnown() {
		assertThat(ServiceMetrics.ofInstances(List.of(ServiceMetrics.UNKNOWN, ServiceMetrics.UNKNOWN)))
			.isEqualTo(ServiceMetrics.UNKNOWN);
	}

}
