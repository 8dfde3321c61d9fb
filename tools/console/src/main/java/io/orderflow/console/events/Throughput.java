package io.orderflow.console.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Orders per second by outcome, and placed-to-outcome latency, for the chart: counted by
 * the second in which the events occurred (their own time, not when the console read
 * them), over the last {@value #SECONDS} seconds.
 */
final class Throughput {

	static final int SECONDS = 120;

	/** Latencies kept per second for the percentiles; more than enough at demo rates. */
	static final int MAX_LATENCIES = 1_000;

	private final TreeMap<Long, Bucket> buckets = new TreeMap<>();

	synchronized void placed(Instant at) {
		bucket(at).placed++;
	}

	synchronized void outcome(OrderState outcome, Instant at, Long latencyMillis) {
		Bucket bucket = bucket(at);
		bucket.outcomes.merge(outcome, 1, Integer::sum);
		if (latencyMillis != null && bucket.latencyCount < MAX_LATENCIES) {
			bucket.latencies[bucket.latencyCount++] = latencyMillis;
		}
	}

	/**
	 * The last {@value #SECONDS} seconds up to {@code now}, oldest first, empty seconds
	 * included.
	 */
	synchronized List<ChartSecond> series(Instant now) {
		long last = now.getEpochSecond();
		buckets.headMap(last - 2 * SECONDS).clear();
		List<ChartSecond> series = new ArrayList<>(SECONDS);
		for (long second = last - SECONDS + 1; second <= last; second++) {
			Bucket bucket = buckets.get(second);
			series.add(bucket == null ? new ChartSecond(second, 0, 0, 0, 0, 0, null, null) : bucket.toSecond(second));
		}
		return series;
	}

	private Bucket bucket(Instant at) {
		return buckets.computeIfAbsent(at.getEpochSecond(), second -> new Bucket());
	}

	private static final class Bucket {

		int placed;

		final Map<OrderState, Integer> outcomes = new EnumMap<>(OrderState.class);

		final long[] latencies = new long[MAX_LATENCIES];

		int latencyCount;

		ChartSecond toSecond(long second) {
			long[] sorted = Arrays.copyOf(latencies, latencyCount);
			Arrays.sort(sorted);
			return new ChartSecond(second, placed, count(OrderState.CONFIRMED), count(OrderState.REJECTED),
					count(OrderState.CANCELLED), count(OrderState.EXPIRED), percentile(sorted, 0.50),
					percentile(sorted, 0.95));
		}

		private int count(OrderState state) {
			return outcomes.getOrDefault(state, 0);
		}

		/** Nearest rank: a value that was measured, never an interpolation. */
		private static Long percentile(long[] sorted, double p) {
			if (sorted.length == 0) {
				return null;
			}
			int rank = (int) Math.ceil(p * sorted.length);
			return sorted[Math.max(0, rank - 1)];
		}

	}

}
