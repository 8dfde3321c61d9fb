package io.orderflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code results.json} (everything), {@code report.md} (the summary) and
 * {@code latency.svg} (the plot).
 */
final class ReportWriter {

	private ReportWriter() {
	}

	static void write(Path directory, RunResult result) throws IOException {
		Files.createDirectories(directory);
		JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		Files.writeString(directory.resolve("results.json"), json.writeValueAsString(result));
		Files.writeString(directory.resolve("report.md"), markdown(result));
		Files.writeString(directory.resolve("latency.svg"), LatencyPlot.svg(result.steps()));
	}

	static String markdown(RunResult r) {
		StringBuilder md = new StringBuilder();
		md.append("# orderflow benchmark")
			.append(r.smoke() ? " (smoke: tiny ladder, not a measurement)" : "")
			.append("\n\n");
		md.append("Run %s on %d cores, %s, %s. %s.%n%n".formatted(r.startedAt(), r.machine().cores(), r.machine().os(),
				r.machine().java(), r.machine().note()));
		md.append(
				"Durable settings: producers `acks=all` + idempotence; PostgreSQL `fsync=on`, `synchronous_commit=on`");
		if (r.baselines().database() != null) {
			md.append(" (checked: `fsync=%s`, `synchronous_commit=%s`)".formatted(r.baselines().database().fsync(),
					r.baselines().database().synchronousCommit()));
		}
		md.append(".\n\n");
		if (!r.startupSeconds().isEmpty()) { // the benchmark started the stack itself
			md.append("Measured configuration: ").append(SystemUnderTest.CONFIGURATION).append(".\n\n");
		}
		md.append("## Summary\n\n| Figure | Value |\n| --- | --- |\n");
		md.append(row("Sustainable throughput (highest step with bounded backlog and lag)",
				r.sustainableRate() + " orders/s"));
		md.append(row("Ceiling = min(broker ÷ messages/order, commits ÷ commits/order)",
				"%s orders/s (broker %s, database %s with %d connections committing at once; with one connection %s)"
					.formatted(n(r.ceiling().ordersPerSecond()), n(r.ceiling().brokerOrdersPerSecond()),
							n(r.ceiling().databaseOrdersPerSecond()), DatabaseBaseline.SERVICE_CONNECTIONS,
							n(r.ceiling().databaseOneConnectionOrdersPerSecond()))));
		md.append(row("orderflow ÷ ceiling", n(r.ceiling().sustainedShare())));
		md.append(row("Messages per order (measured; assumed from the code)",
				"%s; %s (%s)".formatted(n(r.perOrder().measuredMessages()), n(r.perOrder().assumedMessages()),
						r.perOrder().assumedMessagesFrom())));
		md.append(row("Commits per order (measured, `pg_stat_database`)", n(r.perOrder().measuredCommits())));
		md.append(row("Mean event record size", r.perOrder().meanRecordBytes() + " bytes"));
		List<StepResult> at200 = runsOf(r, 200);
		if (!at200.isEmpty()) {
			md.append(row("Placed → terminal at 200/s (target p50 ≤ 15 ms, p99 ≤ 50 ms)", latencies(at200)));
		}
		md.append(targets(r));
		md.append("\n## Ladder\n\n");
		if (r.warmUp() != null) {
			LoadLadder.WarmUp w = r.warmUp();
			md.append("Warm-up, not recorded: %d orders at %d/s over %d s, drained in %s s%s.%n%n"
				.formatted(w.orders(), w.rate(), w.seconds(), n(w.drainSeconds()), w.leftInFlight() == 0 ? ""
						: "; **%d of its orders were still in flight and lag was %s when the ladder began: the first step's figures include them**"
							.formatted(w.leftInFlight(), lags(w.lagAtEnd()))));
		}
		md.append(
				"Latencies in ms. POST = `POST /api/orders` from its intended start; P→T = OrderPlaced to the terminal record of orders left alone; P→C = to OrderCancelled of orders cancelled after placement.\n\n");
		md.append(
				"| offered/s | run | accepted/s | terminal/s | POST p50 | POST p99 | POST max | P→T p50 | P→T p95 | P→T p99 | P→T p99.9 | P→T max | P→C p50 | P→C p99 | backlog | lag at end | lag after drain | drain s | msgs/order | commits/order | services' CPU ms/order | verdict |\n");
		md.append("|" + " --- |".repeat(22) + "\n");
		for (StepResult s : r.steps()) {
			md.append(
					"| %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %d | %s | %s | %s | %s | %s | %s |%n"
						.formatted(s.offeredRate(), s.run(), n(s.achievedRate()), n(s.terminalRate()),
								n(s.post().p50()), n(s.post().p99()), n(s.post().max()), n(s.placedToTerminal().p50()),
								n(s.placedToTerminal().p95()), n(s.placedToTerminal().p99()),
								n(s.placedToTerminal().p999()), n(s.placedToTerminal().max()),
								n(s.placedToCancelled().p50()), n(s.placedToCancelled().p99()), s.backlogAtEnd(),
								s.lagAtEnd(), lags(s.lagByGroupAfterDrain()), n(s.drainSeconds()),
								n(s.messagesPerOrder()), n(s.commitsPerOrder()), cpu(s.cpuMsPerOrder()), s.verdict()));
		}
		md.append(spread(r));
		md.append(cpuTable(r));
		md.append("\n## Processes\n\n| Process | ready after JVM start, three starting together (s) "
				+ "| ready after JVM start, restarted alone (s) | RSS max between steps (MiB) | peak RSS, VmHWM (MiB) |\n"
				+ "| --- | --- | --- | --- | --- |\n");
		for (String name : r.peakRssMib().keySet()) {
			Double startup = r.startupSeconds().get(name);
			Double alone = r.restartAloneSeconds().get(name);
			md.append("| %s | %s | %s | %s | %s |%n".formatted(name, startup == null ? "–" : n(startup),
					alone == null ? "–" : n(alone), n(r.rssMib().getOrDefault(name, Double.NaN)),
					n(r.peakRssMib().get(name))));
		}
		md.append(restartNote(r));
		md.append("\n## Baselines (same run, same machine)\n\n| Baseline | Result |\n| --- | --- |\n");
		BrokerBaseline.Result broker = r.baselines().broker();
		md.append(row(
				"Kafka `ProducerPerformance`, acks=all, idempotent, %d records of %d bytes".formatted(broker.records(),
						broker.recordSize()),
				"%s records/s (%s MB/s), avg latency %s ms".formatted(n(broker.recordsPerSecond()),
						n(broker.mbPerSecond()), n(broker.avgLatencyMs()))));
		if (r.baselines().database() != null) {
			DatabaseBaseline.Result db = r.baselines().database();
			md.append(row("PostgreSQL single-row insert + commit, one connection, %s s".formatted(n(db.seconds())),
					"%s commits/s".formatted(n(db.commitsPerSecond()))));
		}
		if (r.baselines().databaseGroupCommit() != null) {
			DatabaseBaseline.Result db = r.baselines().databaseGroupCommit();
			md.append(row(
					"PostgreSQL single-row insert + commit, %d connections at once (as many as the services use), %s s"
						.formatted(db.connections(), n(db.seconds())),
					"%s commits/s".formatted(n(db.commitsPerSecond()))));
		}
		HttpBaseline.Result http = r.baselines().http();
		md.append(row("HTTP no-op (JDK HttpServer, %d clients, closed loop)".formatted(http.clients()),
				"%s requests/s".formatted(n(http.requestsPerSecond()))));
		md.append("\nPlot: [latency.svg](latency.svg). Raw figures: [results.json](results.json).\n");
		return md.toString();
	}

	/**
	 * The targets of issue 16, each with the measured figure; a target not met says so. A
	 * target at a rate is met only when every run of that rate met it.
	 */
	/** Whether the services restarted alone had caught up with the ladder first. */
	static String restartNote(RunResult r) {
		if (r.restartAloneSeconds().isEmpty()) {
			return "";
		}
		if (ConsumerLag.total(r.lagBeforeRestart()) == 0) {
			return "\nEach service was restarted alone once every consumer had caught up with the ladder (lag 0).\n";
		}
		return "\nEach service was restarted alone with consumer lag %s still, %d s after the ladder: "
			.formatted(lags(r.lagBeforeRestart()), Benchmark.QUIET_BEFORE_RESTART.toSeconds())
				+ "its start-up shares the machine with that backlog.\n";
	}

	static String targets(RunResult r) {
		StringBuilder md = new StringBuilder(
				"\n## Targets (2 cores, whole system on one machine, durable settings)\n\n");
		md.append("| Target | Measured | Met |\n| --- | --- | --- |\n");
		List<StepResult> at200 = runsOf(r, 200);
		boolean reached200 = !at200.isEmpty() && at200.stream().allMatch(StepResult::sustainable);
		String at200Text = at200.isEmpty() ? "200/s not reached: the ladder saturated below it" : latencies(at200);
		md.append(row3("Placed → terminal at 200 orders/s: p50 ≤ 15 ms, p99 ≤ 50 ms", at200Text,
				reached200 && at200.stream()
					.allMatch(step -> step.placedToTerminal().p50() <= 15 && step.placedToTerminal().p99() <= 50)));
		List<StepResult> best = runsOf(r, r.sustainableRate());
		String sustainableText = best.isEmpty() ? "no step was sustainable"
				: "%d orders/s (placed → terminal p99 %s ms at that rate)".formatted(r.sustainableRate(),
						joined(best, step -> n(step.placedToTerminal().p99())));
		md.append(row3("Sustainable throughput ≥ 500 orders/s with p99 ≤ 250 ms", sustainableText,
				r.sustainableRate() >= 500 && best.stream().allMatch(step -> step.placedToTerminal().p99() <= 250)));
		md.append(row3("≤ 2.0 ms of service CPU per order at 200/s, the three services together",
				at200.isEmpty() ? "200/s not reached" : joined(at200, step -> n(step.servicesCpuMsPerOrder())) + " ms",
				reached200 && at200.stream().allMatch(step -> step.servicesCpuMsPerOrder() <= 2.0)));
		md.append(row3("≤ 4 commits per order at 200/s (`xact_commit`, read-only ones included: an upper bound)",
				at200.isEmpty() ? "200/s not reached" : joined(at200, step -> n(step.commitsPerOrder())),
				reached200 && at200.stream().allMatch(step -> step.commitsPerOrder() <= 4)));
		double maxRss = r.peakRssMib()
			.entrySet()
			.stream()
			.filter(e -> r.startupSeconds().containsKey(e.getKey()))
			.mapToDouble(e -> e.getValue())
			.max()
			.orElse(Double.NaN);
		md.append(row3("≤ 300 MB RSS per service under load", "highest service peak %s MiB".formatted(n(maxRss)),
				maxRss <= 300 * 1_000_000 / 1_048_576.0));
		double maxStartup = r.startupSeconds()
			.values()
			.stream()
			.mapToDouble(Double::doubleValue)
			.max()
			.orElse(Double.NaN);
		double maxAlone = r.restartAloneSeconds()
			.values()
			.stream()
			.mapToDouble(Double::doubleValue)
			.max()
			.orElse(Double.NaN);
		md.append(row3("Each service ready ≤ 3 s after its JVM starts, restarted alone",
				"slowest %s s restarted alone; %s s with three JVMs starting together on %d cores"
					.formatted(n(maxAlone), n(maxStartup), r.machine().cores()),
				maxAlone <= 3));
		return md.toString();
	}

	/**
	 * Per rate offered more than once: the lowest and highest figure of its runs, since
	 * near saturation single figures move a lot between runs.
	 */
	static String spread(RunResult r) {
		Map<Integer, List<StepResult>> byRate = new TreeMap<>();
		r.steps().forEach(step -> byRate.computeIfAbsent(step.offeredRate(), rate -> new ArrayList<>()).add(step));
		StringBuilder md = new StringBuilder("\n### Spread between the runs of a rate (lowest – highest)\n\n"
				+ "| offered/s | runs | P→T p50 | P→T p99 | services' CPU ms/order | commits/order | machine idle share |\n"
				+ "| --- | --- | --- | --- | --- | --- | --- |\n");
		boolean any = false;
		for (Map.Entry<Integer, List<StepResult>> rate : byRate.entrySet()) {
			List<StepResult> runs = rate.getValue();
			if (runs.size() < 2) {
				continue;
			}
			any = true;
			md.append("| %d | %d | %s | %s | %s | %s | %s |%n".formatted(rate.getKey(), runs.size(),
					range(runs, step -> step.placedToTerminal().p50()),
					range(runs, step -> step.placedToTerminal().p99()), range(runs, StepResult::servicesCpuMsPerOrder),
					range(runs, StepResult::commitsPerOrder), range(runs, step -> step.machineIdleShare())));
		}
		return any ? md.toString() : "";
	}

	/**
	 * CPU milliseconds per order of every component the run started, and the machine's
	 * idle share: where each order's CPU goes, and how far the services are from the
	 * broker's and the database's share, the floor no Java code can beat.
	 */
	static String cpuTable(RunResult r) {
		if (r.steps().isEmpty() || r.steps().getFirst().componentCpuMsPerOrder().isEmpty()) {
			return "";
		}
		List<String> services = List.copyOf(r.steps().getFirst().cpuMsPerOrder().keySet());
		List<String> components = List.copyOf(r.steps().getFirst().componentCpuMsPerOrder().keySet());
		StringBuilder md = new StringBuilder("\n## Where the CPU goes (ms per accepted order, step and drain)\n\n");
		md.append("| offered/s | run | ");
		services.forEach(service -> md.append(service.replace("-service", "")).append(" | "));
		md.append("services | of it JIT+GC | ");
		components.forEach(component -> md.append(component).append(" | "));
		md.append("machine busy | machine idle |\n|");
		md.append(" --- |".repeat(2 + services.size() + 2 + components.size() + 2)).append("\n");
		for (StepResult step : r.steps()) {
			md.append("| %d | %d | ".formatted(step.offeredRate(), step.run()));
			double busy = 0;
			for (String service : services) {
				double ms = step.cpuMsPerOrder().getOrDefault(service, Double.NaN);
				busy += ms;
				md.append(n(ms)).append(" | ");
			}
			md.append("**").append(n(step.servicesCpuMsPerOrder())).append("** | ");
			md.append(n(step.servicesJitGcMsPerOrder()))
				.append(step.jitGcMsPerOrder().isEmpty() ? "" : " (" + cpu(step.jitGcMsPerOrder()) + ")")
				.append(" | ");
			for (String component : components) {
				double ms = step.componentCpuMsPerOrder().getOrDefault(component, Double.NaN);
				if (!component.equals(ComponentCpu.MACHINE_STEAL)) {
					busy += ms;
				}
				md.append(n(ms)).append(" | ");
			}
			md.append(n(LoadLadder.round(busy)))
				.append(" | ")
				.append(n(
						Double.isNaN(step.machineIdleShare()) ? Double.NaN : Math.round(step.machineIdleShare() * 100)))
				.append(" % |\n");
		}
		md.append("\n- *of it JIT+GC*: the part of the services' CPU their JIT compilers and garbage collectors used,")
			.append(" all and per service: a JVM still compiling spends it on that instead of orders\n");
		components.stream()
			.filter(ComponentCpu.LEGEND::containsKey)
			.forEach(component -> md.append("- *")
				.append(component)
				.append("*: ")
				.append(ComponentCpu.LEGEND.get(component))
				.append("\n"));
		md.append(commitsTable(r));
		return md.toString();
	}

	/**
	 * Commits per order in each service's database: where the commits go, the lever the
	 * database's share of the CPU and the ceiling depend on.
	 */
	private static String commitsTable(RunResult r) {
		List<String> databases = List.copyOf(r.steps().getFirst().commitsPerOrderByDatabase().keySet());
		if (databases.isEmpty()) {
			return "";
		}
		StringBuilder md = new StringBuilder(
				"\nCommits per accepted order by database (`pg_stat_database.xact_commit`):\n\n| offered/s | run | ");
		databases.forEach(database -> md.append(database).append(" | "));
		md.append("all |\n|").append(" --- |".repeat(databases.size() + 3)).append("\n");
		for (StepResult step : r.steps()) {
			md.append("| %d | %d | ".formatted(step.offeredRate(), step.run()));
			databases
				.forEach(database -> md.append(n(step.commitsPerOrderByDatabase().getOrDefault(database, Double.NaN)))
					.append(" | "));
			md.append(n(step.commitsPerOrder())).append(" |\n");
		}
		return md.toString();
	}

	private static List<StepResult> runsOf(RunResult r, int rate) {
		return r.steps().stream().filter(step -> step.offeredRate() == rate).toList();
	}

	private static String latencies(List<StepResult> runs) {
		return runs.stream()
			.map(step -> "p50 %s ms, p99 %s ms (run %d, %s)".formatted(n(step.placedToTerminal().p50()),
					n(step.placedToTerminal().p99()), step.run(), step.verdict()))
			.collect(Collectors.joining("; "));
	}

	private static String joined(List<StepResult> runs, Function<StepResult, String> figure) {
		return runs.stream().map(figure).collect(Collectors.joining(" / "));
	}

	private static String range(List<StepResult> runs, ToDoubleFunction<StepResult> figure) {
		double low = runs.stream().mapToDouble(figure).min().orElse(Double.NaN);
		double high = runs.stream().mapToDouble(figure).max().orElse(Double.NaN);
		return n(low) + " – " + n(high);
	}

	private static String row3(String name, String value, boolean met) {
		return "| " + name + " | " + value + " | " + (met ? "yes" : "**no**") + " |\n";
	}

	private static String row(String name, String value) {
		return "| " + name + " | " + value + " |\n";
	}

	private static String lags(Map<String, Long> byGroup) {
		StringBuilder text = new StringBuilder();
		byGroup.forEach((group, lag) -> text.append(text.isEmpty() ? "" : ", ")
			.append(group.replace("-service", ""))
			.append(' ')
			.append(lag));
		return text.toString();
	}

	private static String cpu(Map<String, Double> perService) {
		if (perService.isEmpty()) {
			return "–";
		}
		StringBuilder text = new StringBuilder();
		perService.forEach((name, ms) -> text.append(text.isEmpty() ? "" : ", ")
			.append(name.replace("-service", ""))
			.append(' ')
			.append(n(ms)));
		return text.toString();
	}

	static String n(double value) {
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			return "–";
		}
		return value == Math.rint(value) && Math.abs(value) < 1e12 ? String.valueOf((long) value)
				: String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
	}

}
