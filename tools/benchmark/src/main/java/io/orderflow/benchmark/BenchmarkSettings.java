package io.orderflow.benchmark;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What one benchmark run does. Read from system properties
 * ({@code -Dorderflow.benchmark.*}) and the {@code --smoke} argument, so that the script,
 * the JUnit smoke test and a person share one entry point.
 *
 * @param rates the ladder of offered rates (orders per second); the run stops at the
 * first saturated step
 * @param repeats how often each rate is offered in a row: single latency figures near
 * saturation move a lot between runs on a shared machine, so the report gives their
 * spread, and a rate is sustainable only when every run of it was
 * @param warmUp load before the ladder, not recorded: the services' JVMs start cold, and
 * on 2 cores their JIT compilers need minutes of traffic before they stop taking a large
 * share of the CPU (docs/performance.md)
 * @param warmUpRate the warm-up's rate (orders per second)
 * @param step how long each rate is offered
 * @param drain how long a step may take, after its last order, for every order to reach a
 * terminal event
 * @param baseline how long each of the database and HTTP baselines runs
 * @param producerRecords records that ProducerPerformance sends for the broker baseline
 * @param orderService a running order-service to drive instead of starting a local stack
 * (null: start one)
 * @param bootstrapServers the running stack's broker, with {@code orderService}
 * @param kafkaPasswordFile the file holding the password of the running stack's Kafka
 * administrator ({@code admin}; the local stack keeps it in
 * {@code <work>/secrets/kafka-admin}), with {@code orderService}
 * @param tokenUri the running stack's token endpoint, with {@code orderService}: the load
 * places orders as its demo customers {@code c-42} and {@code c-43}
 */
public record BenchmarkSettings(boolean smoke, List<Integer> rates, int repeats, Duration warmUp, int warmUpRate,
		Duration step, Duration drain, Duration baseline, int producerRecords, Path output, URI orderService,
		String bootstrapServers, Path kafkaPasswordFile, URI tokenUri) {

	public static BenchmarkSettings fromSystemProperties(String... args) {
		boolean smoke = Arrays.asList(args).contains("--smoke") || Boolean.getBoolean("orderflow.benchmark.smoke");
		String defaultRates = smoke ? "10,20" : "50,100,150,200,250,300,400,600,800,1200,1600";
		List<Integer> rates = Arrays.stream(System.getProperty("orderflow.benchmark.rates", defaultRates).split(","))
			.map(String::trim)
			.map(Integer::valueOf)
			.toList();
		int repeats = Math.max(1, Integer.getInteger("orderflow.benchmark.repeats", smoke ? 1 : 2));
		Duration warmUp = Duration.ofSeconds(Long.getLong("orderflow.benchmark.warmup-seconds", smoke ? 0 : 120));
		int warmUpRate = Integer.getInteger("orderflow.benchmark.warmup-rate", Math.min(60, rates.getFirst() * 6));
		Duration step = Duration.ofSeconds(Long.getLong("orderflow.benchmark.step-seconds", smoke ? 3 : 20));
		Duration drain = Duration.ofSeconds(Long.getLong("orderflow.benchmark.drain-seconds", smoke ? 15 : 20));
		Duration baseline = Duration.ofSeconds(Long.getLong("orderflow.benchmark.baseline-seconds", smoke ? 2 : 10));
		int producerRecords = Integer.getInteger("orderflow.benchmark.producer-records", smoke ? 2_000 : 200_000);
		String timestamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
		Path output = Path.of(System.getProperty("orderflow.benchmark.output", "target/benchmark/" + timestamp))
			.toAbsolutePath();
		String orderService = System.getProperty("orderflow.benchmark.order-service");
		return new BenchmarkSettings(smoke, rates, repeats, warmUp, warmUpRate, step, drain, baseline, producerRecords,
				output, orderService == null ? null : URI.create(orderService),
				System.getProperty("orderflow.benchmark.bootstrap-servers"),
				Optional.ofNullable(System.getProperty("orderflow.benchmark.kafka-password-file"))
					.map(Path::of)
					.orElse(null),
				URI.create(System.getProperty("orderflow.benchmark.token-uri", "http://localhost:9000/oauth2/token")));
	}

	boolean usesRunningStack() {
		return orderService != null;
	}

}
