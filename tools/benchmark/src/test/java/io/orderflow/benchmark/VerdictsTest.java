package io.orderflow.benchmark;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The run's verdicts from its steps: sustainable throughput and issue 16's targets. */
class VerdictsTest {

	@Test
	void aRateIsSustainableOnlyWhenEveryRunOfItWas() {
		List<StepResult> steps = List.of(step(50, 1, true), step(50, 2, true), step(100, 1, false), step(100, 2, true));

		assertThat(Benchmark.sustainableRate(steps)).isEqualTo(50);
	}

	@Test
	void noSustainableStepMeansZero() {
		assertThat(Benchmark.sustainableRate(List.of(step(50, 1, false), step(50, 2, true)))).isZero();
		assertThat(Benchmark.sustainableRate(List.of(step(50, 1, true), step(100, 1, true)))).isEqualTo(100);
	}

	@Test
	void theCpuTargetIsNotMetWhenTheServicesWereNotMeasured() {
		StepResult unmeasured = step(200, 1, true, Map.of(), 3.0);
		StepResult measured = step(200, 1, true, Map.of("order-service", 0.5, "payment-service", 0.5), 3.0);

		assertThat(unmeasured.servicesCpuMsPerOrder()).isNaN();
		assertThat(ReportWriter.targets(run(unmeasured)))
			.contains("| ≤ 2.0 ms of service CPU per order at 200/s, the three services together | – ms | **no** |");
		assertThat(ReportWriter.targets(run(measured)))
			.contains("| ≤ 2.0 ms of service CPU per order at 200/s, the three services together | 1 ms | yes |");
	}

	@Test
	void aTargetAtARateHoldsOnlyWhenEveryRunMetIt() {
		RunResult twoRuns = run(step(200, 1, true, Map.of("order-service", 1.0), 3.5),
				step(200, 2, true, Map.of("order-service", 1.0), 4.5));

		assertThat(ReportWriter.targets(twoRuns)).contains("| 3.50 / 4.50 | **no** |");
	}

	@Test
	void theReportSaysWhetherTheRestartsWaitedForTheConsumersToCatchUp() {
		Map<String, Double> restarted = Map.of("order-service", 2.5);

		assertThat(ReportWriter.restartNote(restartedAfter(restarted, Map.of("order-service", 0L))))
			.contains("once every consumer had caught up");
		assertThat(ReportWriter.restartNote(restartedAfter(restarted, Map.of("payment-service", 2418L))))
			.contains("with consumer lag payment 2418 still, 180 s after the ladder");
		assertThat(ReportWriter.restartNote(restartedAfter(Map.of(), Map.of()))).isEmpty();
	}

	private static RunResult restartedAfter(Map<String, Double> restartAloneSeconds, Map<String, Long> lag) {
		return new RunResult("now", new RunResult.Machine(2, "Linux", "JDK", ""), false, Map.of(), restartAloneSeconds,
				lag, Map.of(), Map.of(), null, List.of(), null, null, 0, null);
	}

	private static RunResult run(StepResult... steps) {
		return new RunResult("now", new RunResult.Machine(2, "Linux", "JDK", ""), false, Map.of(), Map.of(), Map.of(),
				Map.of(), Map.of(), null, List.of(steps), null, null, Benchmark.sustainableRate(List.of(steps)), null);
	}

	private static StepResult step(int rate, int run, boolean sustainable) {
		return step(rate, run, sustainable, Map.of("order-service", 1.0), 3.0);
	}

	private static StepResult step(int rate, int run, boolean sustainable, Map<String, Double> cpu, double commits) {
		Latency latency = new Latency(100, 10, 20, 30, 40, 50);
		return new StepResult(rate, run, 20, rate * 20L, rate * 20L, 0, 0, 0, rate, rate, latency, latency, latency, 0,
				0, Map.of(), Map.of(), 1, 0, cpu, Map.of(), Map.of(), 0.5, 3.3, commits, Map.of(), sustainable,
				sustainable ? "sustainable" : "saturated");
	}

}
