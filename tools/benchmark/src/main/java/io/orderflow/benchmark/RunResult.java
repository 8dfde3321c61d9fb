package io.orderflow.benchmark;

import java.util.List;
import java.util.Map;

/**
 * Everything one run measured; written as {@code results.json} and summarised in
 * {@code report.md}.
 *
 * @param startupSeconds per service, JVM start to ready, the three starting together with
 * the stack
 * @param restartAloneSeconds per service, JVM start to ready, restarted on its own after
 * the ladder
 * @param sustainableRate the highest offered rate whose step kept backlog and lag bounded
 * (0 if none)
 * @param ceiling min(broker records/s ÷ messages per order, commits/s ÷ commits per
 * order), from this run's baselines and this run's measured per-order counts
 */
record RunResult(String startedAt, Machine machine, boolean smoke, Map<String, Double> startupSeconds,
		Map<String, Double> restartAloneSeconds, Map<String, Double> rssMib, Map<String, Double> peakRssMib,
		List<StepResult> steps, Baselines baselines, PerOrder perOrder, int sustainableRate, Ceiling ceiling) {

	record Machine(int cores, String os, String java, String note) {
	}

	record Baselines(BrokerBaseline.Result broker, DatabaseBaseline.Result database, HttpBaseline.Result http) {
	}

	/** Counts per order: read from the code (assumed) and measured over the whole run. */
	record PerOrder(double assumedMessages, String assumedMessagesFrom, double measuredMessages, double measuredCommits,
			int meanRecordBytes) {
	}

	record Ceiling(double brokerOrdersPerSecond, double databaseOrdersPerSecond, double ordersPerSecond,
			double sustainedShare) {
	}

}
