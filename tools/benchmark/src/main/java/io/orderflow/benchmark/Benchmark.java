package io.orderflow.benchmark;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.orderflow.embedded.postgres.PostgresServer;

/**
 * One run: start (or reach) the system, climb the ladder, measure the baselines, write
 * the report.
 */
public final class Benchmark {

	/**
	 * From the code: approved 3 (OrderPlaced, PaymentAuthorized, OrderConfirmed);
	 * declined 4 (+ PaymentDeclined v1 and v2, OrderRejected instead); cancelled after
	 * placement 6 (OrderPlaced, OrderCancellationRequested, PaymentAuthorized,
	 * OrderConfirmed, PaymentRefunded, OrderCancelled; 5 when the cancel overtakes the
	 * confirmation).
	 */
	static final double ASSUMED_MESSAGES_PER_ORDER = 0.8 * 3 + 0.1 * 4 + 0.1 * 6;

	/** The benchmark's own JVM in the report, with what it hosts besides the load. */
	static final String BENCHMARK_JVM = "benchmark JVM (broker, simulator, SMTP, span collector, load)";

	/** The longest the restarts wait for the consumers to catch up after the ladder. */
	static final Duration QUIET_BEFORE_RESTART = Duration.ofMinutes(3);

	private Benchmark() {
	}

	public static RunResult run(BenchmarkSettings settings) throws Exception {
		Files.createDirectories(settings.output());
		String startedAt = Instant.now().toString();
		System.out.println(
				"orderflow benchmark" + (settings.smoke() ? " (smoke)" : "") + ": writing to " + settings.output());
		try (SystemUnderTest system = SystemUnderTest.start(settings);
				EventTracker events = new EventTracker(system.kafka());
				ConsumerLag lag = new ConsumerLag(system.kafka())) {
			System.out.println("System ready; started in (s, JVM start to Started): " + system.startupSeconds());
			LoadLadder ladder = new LoadLadder(settings, system, events, lag, new DatabaseCommits(system.postgres()));
			List<StepResult> steps = ladder.run();

			int meanRecordBytes = (int) Math.max(1, events.valueBytes() / Math.max(1, events.records()));
			// per step, so that the warm-up's records do not count
			double measuredMessages = steps.stream()
				.mapToDouble(step -> step.messagesPerOrder() * step.accepted())
				.sum() / Math.max(1, ladder.acceptedTotal);
			double measuredCommits = steps.stream()
				.filter(step -> !Double.isNaN(step.commitsPerOrder()))
				.mapToDouble(step -> step.commitsPerOrder() * step.accepted())
				.sum() / Math.max(1, ladder.acceptedTotal);
			Map<String, Double> peakRss = new LinkedHashMap<>();
			system.servicePids().forEach((name, pid) -> peakRss.put(name, ProcessProbe.peakRssMib(pid)));
			peakRss.put(BENCHMARK_JVM, ProcessProbe.peakRssMib(ProcessHandle.current().pid()));

			// a service restarted while the others still work off the last step's backlog
			// would measure the machine's queue rather than its start-up
			Map<String, Long> lagBeforeRestart = system.measuresProcesses() ? lag.awaitCaughtUp(QUIET_BEFORE_RESTART)
					: Map.of();
			Map<String, Double> restartAlone = system.restartEachAlone();
			if (!restartAlone.isEmpty()) {
				System.out.println("Each service restarted alone; ready in (s, JVM start to Started): " + restartAlone);
			}

			System.out.println("Baselines...");
			RunResult.Baselines baselines = baselines(settings, system, meanRecordBytes);
			RunResult.PerOrder perOrder = new RunResult.PerOrder(ASSUMED_MESSAGES_PER_ORDER,
					"80 % approved × 3 + 10 % declined × 4 + 10 % cancelled × 6", LoadLadder.round(measuredMessages),
					LoadLadder.round(measuredCommits), meanRecordBytes);
			int sustainable = sustainableRate(steps);
			RunResult result = new RunResult(startedAt, machine(), settings.smoke(), system.startupSeconds(),
					restartAlone, lagBeforeRestart, ladder.rssMib(), peakRss, ladder.warmUp(), steps, baselines,
					perOrder, sustainable, ceiling(baselines, perOrder, sustainable));
			ReportWriter.write(settings.output(), result);
			System.out.println("Report: " + settings.output().resolve("report.md"));
			return result;
		}
	}

	private static RunResult.Baselines baselines(BenchmarkSettings settings, SystemUnderTest system, int recordBytes)
			throws Exception {
		BrokerBaseline.Result broker = BrokerBaseline.run(system.kafka(), settings.producerRecords(), recordBytes,
				settings.output().resolve("logs"));
		PostgresServer postgres = system.postgres();
		List<DatabaseBaseline.Result> database = postgres == null ? List.of()
				: DatabaseBaseline.run(postgres, settings.baseline());
		HttpBaseline.Result http = HttpBaseline.run(settings.baseline());
		return new RunResult.Baselines(broker, database.isEmpty() ? null : database.getFirst(),
				database.isEmpty() ? null : database.getLast(), http);
	}

	/**
	 * The highest offered rate every run of which was sustainable, with every lower rate
	 * sustainable too; 0 if none.
	 */
	static int sustainableRate(List<StepResult> steps) {
		int firstSaturated = steps.stream()
			.filter(step -> !step.sustainable())
			.mapToInt(StepResult::offeredRate)
			.min()
			.orElse(Integer.MAX_VALUE);
		return steps.stream().mapToInt(StepResult::offeredRate).filter(rate -> rate < firstSaturated).max().orElse(0);
	}

	private static RunResult.Ceiling ceiling(RunResult.Baselines baselines, RunResult.PerOrder perOrder,
			int sustainable) {
		double messages = perOrder.measuredMessages() > 0 ? perOrder.measuredMessages() : perOrder.assumedMessages();
		double broker = baselines.broker().recordsPerSecond() / messages;
		double database = ordersPerSecond(baselines.databaseGroupCommit(), perOrder);
		double oneConnection = ordersPerSecond(baselines.database(), perOrder);
		double ceiling = Double.isNaN(database) ? broker : Math.min(broker, database);
		return new RunResult.Ceiling(LoadLadder.round(broker), LoadLadder.round(database),
				LoadLadder.round(oneConnection), LoadLadder.round(ceiling), LoadLadder.round(sustainable / ceiling));
	}

	private static double ordersPerSecond(DatabaseBaseline.Result commits, RunResult.PerOrder perOrder) {
		return commits == null || !(perOrder.measuredCommits() > 0) ? Double.NaN
				: commits.commitsPerSecond() / perOrder.measuredCommits();
	}

	private static RunResult.Machine machine() {
		return new RunResult.Machine(Runtime.getRuntime().availableProcessors(),
				System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
						+ System.getProperty("os.arch"),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
				"whole system on this one machine: broker, PostgreSQL, three service JVMs, simulator, SMTP and the load generator");
	}

}
