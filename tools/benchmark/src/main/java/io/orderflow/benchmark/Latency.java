package io.orderflow.benchmark;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one histogram of nanoseconds, in milliseconds; NaN when nothing was
 * recorded.
 */
record Latency(long count, double p50, double p95, double p99, double p999, double max) {

	static Latency of(Histogram nanos) {
		if (nanos.getTotalCount() == 0) {
			return new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
		}
		return new Latency(nanos.getTotalCount(), ms(nanos.getValueAtPercentile(50)),
				ms(nanos.getValueAtPercentile(95)), ms(nanos.getValueAtPercentile(99)),
				ms(nanos.getValueAtPercentile(99.9)), ms(nanos.getMaxValue()));
	}

	private static double ms(long nanos) {
		return Math.round(nanos / 10_000.0) / 100.0;
	}

}
