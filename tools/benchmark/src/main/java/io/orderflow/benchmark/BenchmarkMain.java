package io.orderflow.benchmark;

/**
 * {@code ./run-benchmark.sh [--smoke]}: starts the local stack on free ports (or drives a
 * running one given by {@code -Dorderflow.benchmark.order-service},
 * {@code -Dorderflow.benchmark.bootstrap-servers} and
 * {@code -Dorderflow.benchmark.kafka-password-file}), climbs the load ladder until
 * saturation, measures the baselines and writes {@code report.md}, {@code results.json}
 * and {@code latency.svg}. See docs/performance.md.
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		// the local stack's quiet logging, unless told otherwise: this JVM hosts the
		// broker and the SMTP server, and
		// logback's default (DEBUG, every line) slowed the SMTP server's replies to about
		// 40 ms each, which capped
		// notification-service near 5 emails/s and measured the harness instead of
		// orderflow
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "logback-local-stack.xml");
		}
		Benchmark.run(BenchmarkSettings.fromSystemProperties(args));
		System.exit(0); // the JDK HTTP client and Kafka leave non-daemon threads behind;
						// the work is done and closed
	}

}
