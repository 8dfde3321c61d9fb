package io.orderflow.probes.metrics;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrometheusTextTest {

	@Test
	void readsTheSamplesOfTheNamedFamiliesOnlyWithTheirLabelsValuesAndLines() {
		var samples = PrometheusText.samples("""
				# HELP orderflow_outbox_backlog Events not yet relayed
				# TYPE orderflow_outbox_backlog gauge
				orderflow_outbox_backlog{application="payment-service"} 3.0
				orderflow_outbox_backlog_total{application="payment-service"} 9.0
				jvm_threads_live_threads 42.0
				orderflow_outbox_backlog 1.0
				""", Set.of("orderflow_outbox_backlog"));

		assertThat(samples).extracting(PrometheusText.Sample::value).containsExactly(3.0, 1.0);
		assertThat(samples.get(0).labels()).containsExactly(Map.entry("application", "payment-service"));
		assertThat(samples.get(0).line()).isEqualTo("orderflow_outbox_backlog{application=\"payment-service\"} 3.0");
		assertThat(samples.get(1).labels()).isEmpty();
	}

	@Test
	void labelValuesWithEscapesAndLinesItCannotReadAreHandled() {
		var samples = PrometheusText.samples("""
				m{a="quote \\" and \\\\ backslash",b="new\\nline"} 1.5 1700000000000
				m{broken="unterminated} 1
				m{a=unquoted} 1
				m not-a-number
				m +Inf
				""", Set.of("m"));

		assertThat(samples).hasSize(2);
		assertThat(samples.get(0).labels()).containsEntry("a", "quote \" and \\ backslash")
			.containsEntry("b", "new\nline");
		assertThat(samples.get(0).value()).isEqualTo(1.5);
		assertThat(samples.get(1).value()).isInfinite();
	}

	@Test
	void notANumberIsReadAsNaN() {
		assertThat(PrometheusText.samples("kafka_lag{client_id=\"a\"} NaN\n", Set.of("kafka_lag")).getFirst().value())
			.isNaN();
	}

}
