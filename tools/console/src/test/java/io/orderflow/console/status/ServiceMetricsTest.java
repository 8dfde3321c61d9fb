package io.orderflow.console.status;

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

}
