package io.orderflow.systemtest.compose;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@DisplayName("PromQlMetricNames finds the metrics an expression reads, and nothing else (unit)")
class PromQlMetricNamesTest {

	@Test
	void skipsFunctionsAggregationsGroupingLabelsAndGrafanaVariables() {
		assertThat(PromQlMetricNames.in("histogram_quantile(0.95, sum by (le, outcome) "
				+ "(rate(orderflow_saga_duration_seconds_bucket{application=~\"$application\"}[$__rate_interval])))"))
			.containsExactly("orderflow_saga_duration_seconds_bucket");
	}

	@Test
	void findsEveryOperandOfABinaryExpression() {
		assertThat(PromQlMetricNames.in("sum by (uri) (rate(http_server_requests_seconds_sum[5m])) / "
				+ "sum by (uri) (rate(http_server_requests_seconds_count[5m])) > 0.5 and on (uri) up == 1"))
			.containsExactly("http_server_requests_seconds_sum", "http_server_requests_seconds_count", "up");
	}

	@Test
	void labelValuesThatLookLikeIdentifiersAreNotMetrics() {
		assertThat(PromQlMetricNames.in("max without (instance) (resilience4j_circuitbreaker_state{state=\"open\", "
				+ "name='payment-provider'}) offset 1m"))
			.containsExactly("resilience4j_circuitbreaker_state");
	}

	@Test
	void readsTheSelectorOfAGrafanaLabelValuesQuery() {
		assertThat(
				PromQlMetricNames.inTemplateQuery("label_values(jvm_threads_live_threads{area=\"heap\"}, application)"))
			.containsExactly("jvm_threads_live_threads");
		assertThat(PromQlMetricNames.inTemplateQuery("label_values(application)")).isEmpty();
	}

	@Test
	void refusesSelectingByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> PromQlMetricNames.in("{__name__=~\"orderflow_.*\"}"));
	}

}
