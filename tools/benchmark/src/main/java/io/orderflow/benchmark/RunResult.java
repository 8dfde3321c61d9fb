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
 * @param lagBeforeRestart the consumer lag by group when the restarts began: all 0 once
 * the services had caught up with the ladder (they are waited for, at most
 * {@link Benchmark#QUIET_BEFORE_RESTART})
 * @param warmUp the load before the ladder, not recorded; null without one
 * @param sustainableRate the highest offered rate whose step kept backlog and lag bounded
 * (0 if none)
 * @param ceiling min(broker records/s ÷ messages per order, commits/s ÷ commits per
 * order), from this run's baselines (commits/s: with as many connections as the services
 * use) and this run's measured per-order counts
 */
record RunResult(String startedAt, Machine machine, boolean smoke, Map<String, Double> startupSeconds,
		Map<String, Double> restartAloneSeconds, Map<String, Long> lagBeforeRestart, Map<String, Double> rssMib,
		Map<String, Double> peakRssMib, LoadLadder.WarmUp warmUp, List<StepResult> steps, Baselines baselines,
		PerOrder perOrder, int sustainableRate, Ceiling ceiling) {

	record Machine(int cores, String os, String java, String note) {
	}

	/**
	 * @param database one connection committing
	 * @param databaseGroupCommit as many connections as the services use, committing at
	 * once
	 */
	record Baselines(BrokerBaseline.Result broker, DatabaseBaseline.Result database,
			DatabaseBaseline.Result databaseGroupCommit, HttpBaseline.Result http) {
	}

	/** Counts per order: read from the code (assumed) and measured over the whole run. */
	record PerOrder(double assumedMessages, String assumedMessagesFrom, double measuredMessages, double measuredCommits,
			int meanRecordBytes) {
	}

	/**
	 * @param databaseOrdersPerSecond group-commit rate ÷ commits per order
	 * @param databaseOneConnectionOrdersPerSecond one connection's commit rate ÷ commits
	 * per order, the conservative floor earlier runs used
	 */
	record Ceiling(double brokerOrdersPerSecond, double databaseOrdersPerSecond,
			double databaseOneConnectionOrdersPerSecond, double ordersPerSecond, double sustainedShare) {
	}

}
