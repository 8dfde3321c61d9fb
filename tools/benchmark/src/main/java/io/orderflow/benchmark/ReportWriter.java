package io.orderflow.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

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
				"%s orders/s (broker %s, database %s)".formatted(n(r.ceiling().ordersPerSecond()),
						n(r.ceiling().brokerOrdersPerSecond()), n(r.ceiling().databaseOrdersPerSecond()))));
		md.append(row("orderflow ÷ ceiling", n(r.ceiling().sustainedShare())));
		md.append(row("Messages per order (measured; assumed from the code)",
				"%s; %s (%s)".formatted(n(r.perOrder().measuredMessages()), n(r.perOrder().assumedMessages()),
						r.perOrder().assumedMessagesFrom())));
		md.append(row("Commits per order (measured, `pg_stat_database`)", n(r.perOrder().measuredCommits())));
		md.append(row("Mean event record size", r.perOrder().meanRecordBytes() + " bytes"));
		StepResult at200 = r.steps().stream().filter(step -> step.offeredRate() == 200).findFirst().orElse(null);
		if (at200 != null) {
			md.append(row("Placed → terminal at 200/s (target p50 ≤ 15 ms, p99 ≤ 50 ms)", "p50 %s ms, p99 %s ms"
				.formatted(n(at200.placedToTerminal().p50()), n(at200.placedToTerminal().p99()))));
		}
		md.append(targets(r));
		md.append(
				"\n## Ladder\n\nLatencies in ms. POST = `POST /api/orders` from its intended start; P→T = OrderPlaced to the terminal record of orders left alone; P→C = to OrderCancelled of orders cancelled after placement.\n\n");
		md.append(
				"| offered/s | accepted/s | terminal/s | POST p50 | POST p99 | POST max | P→T p50 | P→T p95 | P→T p99 | P→T p99.9 | P→T max | P→C p50 | P→C p99 | backlog | lag at end | lag after drain | drain s | msgs/order | commits/order | CPU ms/order | verdict |\n");
		md.append("|" + " --- |".repeat(21) + "\n");
		for (StepResult s : r.steps()) {
			md.append(
					"| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %d | %d | %s | %s | %s | %s | %s | %s |%n"
						.formatted(s.offeredRate(), n(s.achievedRate()), n(s.terminalRate()), n(s.post().p50()),
								n(s.post().p99()), n(s.post().max()), n(s.placedToTerminal().p50()),
								n(s.placedToTerminal().p95()), n(s.placedToTerminal().p99()),
								n(s.placedToTerminal().p999()), n(s.placedToTerminal().max()),
								n(s.placedToCancelled().p50()), n(s.placedToCancelled().p99()), s.backlogAtEnd(),
								s.lagAtEnd(), lags(s.lagByGroupAfterDrain()), n(s.drainSeconds()),
								n(s.messagesPerOrder()), n(s.commitsPerOrder()), cpu(s.cpuMsPerOrder()), s.verdict()));
		}
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
		HttpBaseline.Result http = r.baselines().http();
		md.append(row("HTTP no-op (JDK HttpServer, %d clients, closed loop)".formatted(http.clients()),
				"%s requests/s".formatted(n(http.requestsPerSecond()))));
		md.append("\nPlot: [latency.svg](latency.svg). Raw figures: [results.json](results.json).\n");
		return md.toString();
	}

	/**
	 * The targets of issue 6, each with the measured figure; a target not met says so.
	 */
	static String targets(RunResult r) {
		StringBuilder md = new StringBuilder(
				"\n## Targets (2 cores, whole system on one machine, durable settings)\n\n");
		md.append("| Target | Measured | Met |\n| --- | --- | --- |\n");
		StepResult at200 = r.steps().stream().filter(step -> step.offeredRate() == 200).findFirst().orElse(null);
		StepResult best = r.steps().stream().filter(StepResult::sustainable).reduce((a, b) -> b).orElse(null);
		String at200Text = at200 == null ? "200/s not reached: the ladder saturated below it"
				: "p50 %s ms, p99 %s ms (%s)".formatted(n(at200.placedToTerminal().p50()),
						n(at200.placedToTerminal().p99()), at200.verdict());
		if (at200 == null && best != null) {
			at200Text += "; at %d/s, the highest sustainable step: p50 %s ms, p99 %s ms".formatted(best.offeredRate(),
					n(best.placedToTerminal().p50()), n(best.placedToTerminal().p99()));
		}
		boolean met200 = at200 != null && at200.sustainable() && at200.placedToTerminal().p50() <= 15
				&& at200.placedToTerminal().p99() <= 50;
		md.append(row3("Placed → terminal at 200 orders/s: p50 ≤ 15 ms, p99 ≤ 50 ms", at200Text, met200));
		String sustainableText = best == null ? "no step was sustainable"
				: "%d orders/s (placed → terminal p99 %s ms at that rate)".formatted(best.offeredRate(),
						n(best.placedToTerminal().p99()));
		md.append(row3("Sustainable throughput ≥ 1,500 orders/s with p99 ≤ 250 ms", sustainableText,
				best != null && best.offeredRate() >= 1500 && best.placedToTerminal().p99() <= 250));
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
		md.append(row3("Each service ready ≤ 5 s after its JVM starts",
				"slowest %s s restarted alone; %s s with three JVMs starting together on %d cores"
					.formatted(n(maxAlone), n(maxStartup), r.machine().cores()),
				maxAlone <= 5));
		return md.toString();
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
