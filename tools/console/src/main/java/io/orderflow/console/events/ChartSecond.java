package io.orderflow.console.events;

/**
 * One second of the chart.
 *
 * @param second epoch second
 * @param placed orders placed in this second
 * @param p50 median placed-to-outcome latency of the orders that reached their outcome in
 * this second (ms)
 * @param p95 95th percentile of the same
 */
public record ChartSecond(long second, int placed, int confirmed, int rejected, int cancelled, int expired, Long p50,
		Long p95) {
}
