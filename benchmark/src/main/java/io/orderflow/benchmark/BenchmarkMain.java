package io.orderflow.benchmark;

/**
 * {@code ./run-benchmark.sh [--smoke]}: starts the local stack on free ports (or drives a running one given by
 * {@code -Dorderflow.benchmark.order-service} and {@code -Dorderflow.benchmark.bootstrap-servers}), climbs the load
 * ladder until saturation, measures the baselines and writes {@code report.md}, {@code results.json} and
 * {@code latency.svg}. See docs/performance.md.
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		Benchmark.run(BenchmarkSettings.fromSystemProperties(args));
		System.exit(0); // the JDK HTTP client and Kafka leave non-daemon threads behind; the work is done and closed
	}

}
