package io.orderflow.systemtest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a class of fault tests prints: one line per fault, {@code FAULT <what happened> |
 * load: ... | at rest ... | <audit>}, each line as soon as its fault is audited and all
 * of them again at the end, where docs/faults.md takes its figures from.
 */
final class FaultLog {

	private final InvariantChecker checker;

	private final Duration atRest;

	private final List<String> lines = new ArrayList<>();

	/**
	 * @param atRest how long an audit waits for the orders to come to rest
	 */
	FaultLog(InvariantChecker checker, Duration atRest) {
		this.checker = checker;
		this.atRest = atRest;
	}

	/**
	 * Waits until the load's accepted orders are at rest, logs the fault's line and
	 * asserts that no invariant was violated.
	 * @param fault what happened, read once the system is at rest (what the provider
	 * said, say)
	 * @param repeatedEmailsAllowed see
	 * {@link InvariantChecker#awaitAtRest(java.util.Collection, Duration, int)}
	 */
	InvariantChecker.Report audit(Supplier<String> fault, OrderLoad.Result result, int repeatedEmailsAllowed) {
		long auditing = System.nanoTime();
		InvariantChecker.Report report = checker.awaitAtRest(result.acceptedOrderIds(), atRest, repeatedEmailsAllowed);
		add("FAULT " + fault.get() + " | load: " + result.describe() + " | at rest "
				+ seconds(System.nanoTime() - auditing) + " after the load | " + report.summary());
		assertThat(report.violations()).as(report.summary()).isEmpty();
		return report;
	}

	/** A line of its own, e.g. a fault measured without a load. */
	void add(String line) {
		System.out.println(line);
		lines.add(line);
	}

	void printAll(String title) {
		System.out.println("=== " + title);
		lines.forEach(System.out::println);
	}

	static String seconds(long nanos) {
		return "%.1fs".formatted(nanos / 1e9);
	}

}
