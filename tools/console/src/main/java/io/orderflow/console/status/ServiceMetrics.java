package io.orderflow.console.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

import io.orderflow.probes.metrics.PrometheusText;

/**
 * What the console reads from a service's {@code /actuator/prometheus}. A metric the
 * service does not (yet) expose is {@code null}, not zero: the page then says it does not
 * know.
 *
 * @param outboxBacklog events in the outbox not yet relayed to Kafka
 * ({@code orderflow_outbox_backlog})
 * @param deadLetters unresolved dead letters over all its dead-letter topics
 * ({@code orderflow_dead_letters})
 * @param lagMax the largest consumer lag its consumers report
 * ({@code kafka_consumer_fetch_manager_records_lag_max})
 * @param breakers circuit breaker name to state
 * ({@code resilience4j_circuitbreaker_state}), e.g. {@code open}
 */
record ServiceMetrics(Double outboxBacklog, Double deadLetters, Double lagMax, Map<String, String> breakers) {

	static final String OUTBOX_BACKLOG = "orderflow_outbox_backlog";

	static final String DEAD_LETTERS = "orderflow_dead_letters";

	static final String LAG_MAX = "kafka_consumer_fetch_manager_records_lag_max";

	static final String BREAKER_STATE = "resilience4j_circuitbreaker_state";

	static final ServiceMetrics UNKNOWN = new ServiceMetrics(null, null, null, Map.of());

	/** Breaker states from the most alarming; any other state ranks above closed. */
	private static final List<String> ALARMING_FIRST = List.of("open", "forced_open", "half_open");

	static ServiceMetrics from(String exposition) {
		List<PrometheusText.Sample> samples = PrometheusText.samples(exposition,
				Set.of(OUTBOX_BACKLOG, DEAD_LETTERS, LAG_MAX, BREAKER_STATE));
		Map<String, String> breakers = new LinkedHashMap<>();
		samples.stream()
			.filter(sample -> sample.name().equals(BREAKER_STATE) && sample.value() == 1.0)
			.forEach(sample -> breakers.put(sample.labels().get("name"), sample.labels().get("state")));
		return new ServiceMetrics(sum(samples, OUTBOX_BACKLOG), sum(samples, DEAD_LETTERS), max(samples, LAG_MAX),
				breakers);
	}

	/**
	 * A service's metrics over its instances. Not summed: the backlog is a count of the
	 * service's outbox table and the dead letters of its dead-letter topics, which every
	 * instance reports alike (each from its own recent reading, so the largest is taken);
	 * the lag is a largest already. A breaker is per instance: the most alarming state of
	 * those that answered.
	 */
	static ServiceMetrics ofInstances(List<ServiceMetrics> instances) {
		Map<String, String> breakers = new LinkedHashMap<>();
		instances.forEach(instance -> instance.breakers()
			.forEach((name, state) -> breakers.merge(name, state, ServiceMetrics::moreAlarming)));
		return new ServiceMetrics(largest(instances, ServiceMetrics::outboxBacklog),
				largest(instances, ServiceMetrics::deadLetters), largest(instances, ServiceMetrics::lagMax), breakers);
	}

	private static Double largest(List<ServiceMetrics> instances, Function<ServiceMetrics, Double> metric) {
		return instances.stream().map(metric).filter(Objects::nonNull).reduce(Math::max).orElse(null);
	}

	private static String moreAlarming(String one, String other) {
		return rank(other) < rank(one) ? other : one;
	}

	private static int rank(String state) {
		int alarming = ALARMING_FIRST.indexOf(state);
		return alarming >= 0 ? alarming : state.equals("closed") ? ALARMING_FIRST.size() + 1 : ALARMING_FIRST.size();
	}

	private static Double sum(List<PrometheusText.Sample> samples, String name) {
		return samples.stream()
			.filter(sample -> sample.name().equals(name) && Double.isFinite(sample.value()))
			.map(PrometheusText.Sample::value)
			.reduce(Double::sum)
			.orElse(null);
	}

	/**
	 * Kafka reports NaN for a partition it has not fetched yet: that is no lag to show.
	 */
	private static Double max(List<PrometheusText.Sample> samples, String name) {
		return samples.stream()
			.filter(sample -> sample.name().equals(name) && Double.isFinite(sample.value()))
			.map(PrometheusText.Sample::value)
			.reduce(Math::max)
			.orElse(null);
	}

}
