package io.orderflow.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Keeps the benchmark working: its smoke mode (a tiny ladder, short baselines) against a
 * local stack on free ports writes a report with numbers. Speed is not judged here.
 */
class BenchmarkSmokeTest {

	@Test
	@Timeout(240) // includes the services' AOT training run on a fresh build
	void smokeRunWritesReportWithNumbers(@TempDir Path output) throws Exception {
		BenchmarkSettings settings = new BenchmarkSettings(true, List.of(10, 20), 2, Duration.ZERO, 10,
				Duration.ofSeconds(3), Duration.ofSeconds(15), Duration.ofSeconds(1), 2_000, output, null, null, null,
				null);

		RunResult result = Benchmark.run(settings);

		assertThat(output.resolve("report.md")).exists();
		assertThat(output.resolve("results.json")).exists();
		assertThat(output.resolve("latency.svg")).exists();
		// each rate twice, the second run whatever the first one's verdict
		assertThat(result.steps()).extracting(StepResult::offeredRate, StepResult::run)
			.startsWith(tuple(10, 1), tuple(10, 2));
		StepResult first = result.steps().getFirst();
		assertThat(first.accepted()).isPositive();
		assertThat(first.placedToTerminal().count()).isPositive();
		assertThat(first.placedToTerminal().p50()).isPositive();
		assertThat(first.post().p99()).isPositive();
		assertThat(result.baselines().broker().recordsPerSecond()).isPositive();
		assertThat(result.baselines().database().commitsPerSecond()).isPositive();
		assertThat(result.baselines().databaseGroupCommit().connections())
			.isEqualTo(DatabaseBaseline.SERVICE_CONNECTIONS);
		assertThat(result.baselines().databaseGroupCommit().commitsPerSecond()).isPositive();
		// every component's CPU is measured: the services, PostgreSQL, the broker's
		// threads; and the machine's idle share
		assertThat(first.cpuMsPerOrder()).hasSize(3).allSatisfy((service, ms) -> assertThat(ms).isPositive());
		assertThat(first.componentCpuMsPerOrder()).containsKeys(ComponentCpu.POSTGRES, ComponentCpu.BROKER,
				ComponentCpu.VIRTUAL_THREADS, ComponentCpu.LOAD, ComponentCpu.MACHINE_UNACCOUNTED);
		assertThat(first.componentCpuMsPerOrder().get(ComponentCpu.POSTGRES)).isPositive();
		assertThat(first.componentCpuMsPerOrder().get(ComponentCpu.BROKER)).isPositive();
		assertThat(first.machineIdleShare()).isBetween(0.0, 1.0);
		assertThat(first.commitsPerOrderByDatabase()).containsOnlyKeys(DatabaseCommits.DATABASES)
			.allSatisfy((database, commits) -> assertThat(commits).isPositive());
		assertThat(result.baselines().http().requestsPerSecond()).isPositive();
		assertThat(result.rssMib().values()).allSatisfy(rss -> assertThat(rss).isPositive());
		assertThat(result.restartAloneSeconds()).hasSize(3)
			.allSatisfy((service, seconds) -> assertThat(seconds).isPositive());
		String report = Files.readString(output.resolve("report.md"));
		assertThat(report).contains("Sustainable throughput").containsPattern("\\| 10 \\| 1 \\| [0-9.]+ \\|");
		assertThat(report).contains("## Where the CPU goes")
			.contains("### Spread between the runs of a rate")
			.contains("Commits per accepted order by database");
		assertThat(report).contains("Measured configuration: " + SystemUnderTest.CONFIGURATION)
			.contains("restarted alone");
		assertThat(Files.readString(output.resolve("results.json"))).contains("\"sustainableRate\"");
		assertThat(Files.readString(output.resolve("latency.svg"))).contains("<polyline");
	}

}
