package io.orderflow.benchmark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;

/**
 * Offers each rate of the ladder in turn, {@link BenchmarkSettings#repeats()} times, and
 * judges each run; stops after the first rate with a saturated run, since every higher
 * rate would only be slower to fail.
 */
final class LoadLadder {

	private final BenchmarkSettings settings;

	private final SystemUnderTest system;

	private final EventTracker events;

	private final ConsumerLag lag;

	private final DatabaseCommits commits;

	/**
	 * PostgreSQL's postmaster, whose CPU time is measured with the services'; -1: none.
	 */
	private final long postmasterPid;

	private final OpenModelLoad load;

	/** Highest resident set seen per service between steps. */
	private final Map<String, Double> rssMib = new LinkedHashMap<>();

	long acceptedTotal;

	private WarmUp warmUp;

	LoadLadder(BenchmarkSettings settings, SystemUnderTest system, EventTracker events, ConsumerLag lag,
			DatabaseCommits commits) {
		this.settings = settings;
		this.system = system;
		this.events = events;
		this.lag = lag;
		this.commits = commits;
		this.postmasterPid = ComponentCpu.postmasterPid(system.postgres());
		this.load = new OpenModelLoad(system.orderService(), system.customers());
	}

	List<StepResult> run() throws InterruptedException {
		warmUpAndDrain();
		List<StepResult> steps = new ArrayList<>();
		for (int rate : settings.rates()) {
			boolean sustainable = true;
			// every run of a rate, even after a saturated one: whether a verdict near
			// saturation holds is what the runs are for
			for (int run = 1; run <= settings.repeats(); run++) {
				StepResult step = step(rate, run);
				steps.add(step);
				System.out.printf(
						"  %5d/s offered (run %d): %.0f/s accepted, POST p99 %.1f ms, placed->terminal p50 %.1f p99 %.1f ms, %s%n",
						rate, run, step.achievedRate(), step.post().p99(), step.placedToTerminal().p50(),
						step.placedToTerminal().p99(), step.verdict());
				sustainable &= step.sustainable();
			}
			if (!sustainable) {
				break;
			}
		}
		return steps;
	}

	/**
	 * The services' JVMs start cold; their first minutes of load are largely JIT
	 * compilation, not orderflow: with 30 s at 10/s, the JIT still took a fifth of a core
	 * per JVM during the steps and the ladder saturated at 60/s; after 150 s at 60/s, the
	 * same build sustained 200/s. A warm-up, not recorded, lets the steps measure the
	 * steady state. It ends with an empty system: the first step must not measure the
	 * warm-up's backlog (on a slow day, 60/s left 3,154 orders in flight after the drain
	 * window, and the 50/s step that followed saturated on them), so it waits for every
	 * order and for the groups' lag to fall under two seconds of records, as a step's
	 * drain does, for as long again as the load ran at most.
	 */
	private void warmUpAndDrain() throws InterruptedException {
		if (settings.warmUp().isZero()) {
			return;
		}
		int rate = settings.warmUpRate();
		OpenModelLoad.StepLoad sent = load.run(rate, settings.warmUp());
		long drainStart = System.nanoTime();
		long deadline = drainStart + Math.max(settings.drain().toNanos(), settings.warmUp().toNanos());
		while ((pending(sent) > 0 || ConsumerLag.total(lag.byGroup()) > lagBound(rate))
				&& System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(200);
		}
		warmUp = new WarmUp(rate, settings.warmUp().toSeconds(), sent.accepted(),
				round((System.nanoTime() - drainStart) / 1e9), pending(sent), lag.byGroup());
		System.out.printf(
				"  warm-up: %d orders at %d/s over %d s (not recorded), drained in %.0f s, %d still in flight%n",
				sent.accepted(), rate, settings.warmUp().toSeconds(), warmUp.drainSeconds(), warmUp.leftInFlight());
	}

	/** The warm-up, or null when there was none. */
	WarmUp warmUp() {
		return warmUp;
	}

	/**
	 * @param drainSeconds how long after its load the warm-up took to empty the system
	 * @param leftInFlight its orders still not terminal when the ladder began: 0 unless
	 * the system could not drain them in time, and then the first step's figures include
	 * them
	 * @param lagAtEnd the consumer groups' lag when the ladder began
	 */
	record WarmUp(int rate, long seconds, long orders, double drainSeconds, long leftInFlight,
			Map<String, Long> lagAtEnd) {
	}

	Map<String, Double> rssMib() {
		return rssMib;
	}

	/**
	 * Offers the rate once and judges it.
	 * @param run which time this rate is offered, from 1: single latency figures near
	 * saturation move a lot between runs on a shared machine, so each rate is offered
	 * {@link BenchmarkSettings#repeats()} times
	 */
	private StepResult step(int rate, int run) throws InterruptedException {
		ComponentCpu.Reading cpuBefore = readCpu();
		long recordsBefore = events.records();
		Map<String, Long> commitsBefore = commits.byDatabase();
		long stepStart = System.nanoTime();

		OpenModelLoad.StepLoad sent = load.run(rate, settings.step());
		long sendEndMicros = epochMicrosNow();
		long backlog = pending(sent);
		Map<String, Long> lagAtEnd = lag.byGroup();

		long drainStart = System.nanoTime();
		long deadline = drainStart + settings.drain().toNanos();
		long incomplete = backlog;
		while (incomplete > 0 && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(50);
			incomplete = pending(sent);
		}
		// the saga may be done while a consumer off its path (notification-service) still
		// lags: wait for it too
		Map<String, Long> lagAfterDrain = lag.byGroup();
		while (ConsumerLag.total(lagAfterDrain) > lagBound(rate) && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(200);
			lagAfterDrain = lag.byGroup();
		}
		double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
		TimeUnit.MILLISECONDS.sleep(300); // the last terminal records reach the other
											// consumers, the stats their views

		Histogram terminal = new Histogram(TimeUnit.SECONDS.toNanos(600), 3);
		Histogram cancelled = new Histogram(TimeUnit.SECONDS.toNanos(600), 3);
		long terminalInWindow = 0;
		for (var order : sent.acceptedOrders().entrySet()) {
			long placed = events.placedMicros(order.getKey());
			long end = events.terminalMicros(order.getKey(), order.getValue());
			if (placed == 0 || end == 0) {
				continue;
			}
			(order.getValue().cancel ? cancelled : terminal).recordValue(Math.max(0, end - placed) * 1000);
			if (end <= sendEndMicros) {
				terminalInWindow++;
			}
		}

		long accepted = Math.max(1, sent.accepted());
		acceptedTotal += sent.accepted();
		ComponentCpu.Reading cpuAfter = readCpu();
		Map<String, Double> everything = (cpuBefore == null) ? Map.of() : cpuAfter.msPerOrder(cpuBefore, accepted);
		Map<String, Double> jitGcPerOrder = (cpuBefore == null) ? Map.of()
				: cpuAfter.serviceJitGcMsPerOrder(cpuBefore, accepted);
		Map<String, Double> cpuPerOrder = new LinkedHashMap<>();
		Map<String, Double> componentsPerOrder = new LinkedHashMap<>();
		everything
			.forEach((component, ms) -> (system.servicePids().containsKey(component) ? cpuPerOrder : componentsPerOrder)
				.put(component, ms));
		sampleRss();
		Map<String, Long> commitsAfter = commits.byDatabase();
		Map<String, Double> commitsByDatabase = new LinkedHashMap<>();
		commitsAfter.forEach((database, count) -> commitsByDatabase.put(database, commitsBefore.containsKey(database)
				? round((count - commitsBefore.get(database)) / (double) accepted) : Double.NaN));
		double commitsPerOrder = commitsBefore.isEmpty() || commitsAfter.isEmpty() ? Double.NaN
				: (DatabaseCommits.sum(commitsAfter) - DatabaseCommits.sum(commitsBefore)) / (double) accepted;
		double messagesPerOrder = (events.records() - recordsBefore) / (double) accepted;

		String verdict = verdict(rate, sent, backlog, incomplete, lagAfterDrain);
		return new StepResult(rate, run, (System.nanoTime() - stepStart) / 1e9, sent.scheduled(), sent.accepted(),
				sent.failed(), sent.dropped(), sent.cancelsAccepted(), round(sent.achievedRate()),
				round(terminalInWindow / sent.sendSeconds()), Latency.of(sent.postLatency()), Latency.of(terminal),
				Latency.of(cancelled), backlog, ConsumerLag.total(lagAtEnd), lagAtEnd, lagAfterDrain,
				round(drainSeconds), incomplete, cpuPerOrder, jitGcPerOrder, componentsPerOrder,
				(cpuBefore == null) ? Double.NaN : cpuAfter.idleShare(cpuBefore), round(messagesPerOrder),
				round(commitsPerOrder), commitsByDatabase, verdict.equals("sustainable"), verdict);
	}

	/**
	 * Sustainable: every order was accepted at the offered pace, the in-flight backlog at
	 * the end of the step stayed under two seconds of arrivals (a queue that grows
	 * without bound within a step of many seconds exceeds it), every order reached its
	 * end within the drain window, and so did the consumer lag of every service's group.
	 */
	private static String verdict(int rate, OpenModelLoad.StepLoad sent, long backlog, long incomplete,
			Map<String, Long> lagAfterDrain) {
		List<String> reasons = new ArrayList<>();
		if (sent.dropped() > 0) {
			reasons.add(sent.dropped() + " not sent (generator's in-flight bound)");
		}
		if (sent.failed() > sent.scheduled() / 100) {
			reasons.add(sent.failed() + " POSTs failed");
		}
		if (sent.achievedRate() < rate * 0.95) {
			reasons.add("accepted %.0f/s of %d/s".formatted(sent.achievedRate(), rate));
		}
		if (backlog > Math.max(20, rate * 2L)) {
			reasons.add(backlog + " orders in flight at step end (> 2 s of arrivals)");
		}
		if (incomplete > 0) {
			reasons.add(incomplete + " orders not terminal after the drain window");
		}
		if (ConsumerLag.total(lagAfterDrain) > lagBound(rate)) {
			reasons.add("consumer lag still " + lagAfterDrain + " after the drain window");
		}
		return reasons.isEmpty() ? "sustainable" : "saturated: " + String.join("; ", reasons);
	}

	/**
	 * Records of two seconds of arrivals, at the mix's 3.4 records per order, for three
	 * groups.
	 */
	private static long lagBound(int rate) {
		return Math.max(20, (long) (rate * 2 * 3.4 * 3));
	}

	private long pending(OpenModelLoad.StepLoad sent) {
		long pending = 0;
		for (var order : sent.acceptedOrders().entrySet()) {
			if (events.terminalMicros(order.getKey(), order.getValue()) == 0) {
				pending++;
			}
		}
		return pending;
	}

	/**
	 * Every component's CPU so far; null when driving a running stack, whose processes
	 * the benchmark neither started nor hosts.
	 */
	private ComponentCpu.Reading readCpu() {
		return system.measuresProcesses() ? ComponentCpu.read(system.servicePids(), postmasterPid) : null;
	}

	private void sampleRss() {
		system.servicePids().forEach((name, pid) -> rssMib.merge(name, ProcessProbe.rssMib(pid), Math::max));
		rssMib.merge(Benchmark.BENCHMARK_JVM, ProcessProbe.rssMib(ProcessHandle.current().pid()), Math::max);
	}

	private static long epochMicrosNow() {
		java.time.Instant now = java.time.Instant.now();
		return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
	}

	/**
	 * To two decimals; NaN (not measured) stays NaN, where Math.round would make it 0.
	 */
	static double round(double value) {
		if (!Double.isFinite(value)) {
			return value;
		}
		return Math.round(value * 100) / 100.0;
	}

}
