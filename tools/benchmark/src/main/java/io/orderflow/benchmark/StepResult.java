package io.orderflow.benchmark;

import java.util.Map;

/**
 * One rung of the ladder: what was offered, what was achieved, and how the system kept
 * up.
 *
 * @param achievedRate orders answered 202 per second of sending
 * @param terminalRate orders that reached their terminal event during the sending window,
 * per second of it
 * @param post latency of {@code POST /api/orders} from its intended start
 * @param placedToTerminal OrderPlaced to the terminal event, of the orders left alone
 * (approved and declined)
 * @param placedToCancelled OrderPlaced to OrderCancelled, of the orders cancelled after
 * placement
 * @param backlogAtEnd accepted orders without their terminal event when the sending
 * stopped
 * @param lagAtEnd summed consumer lag of the services' groups when the sending stopped
 * @param lagByGroupAtEnd the same per consumer group
 * @param lagByGroupAfterDrain per consumer group, after the drain window (or as soon as
 * all were low)
 * @param drainSeconds time after the sending until every order was terminal (or the drain
 * window ran out)
 * @param incomplete orders still not terminal after the drain window
 * @param run which time this rate was offered, from 1
 * @param cpuMsPerOrder CPU milliseconds of each service process per accepted order,
 * sending and draining included
 * @param jitGcMsPerOrder the part of {@code cpuMsPerOrder} each service's JIT compilers
 * and garbage collector used
 * @param componentCpuMsPerOrder the same for everything else the run started, by
 * component ({@link ComponentCpu#LEGEND}), and the machine's busy time none of them used
 * @param machineIdleShare the share of all cores' time that was idle over the step and
 * its drain
 * @param messagesPerOrder records on both event topics per accepted order
 * @param commitsPerOrder committed transactions in the services' databases per accepted
 * order
 * @param commitsPerOrderByDatabase the same per service's database
 */
record StepResult(int offeredRate, int run, double stepSeconds, long scheduled, long accepted, long failed,
		long dropped, long cancelsAccepted, double achievedRate, double terminalRate, Latency post,
		Latency placedToTerminal, Latency placedToCancelled, long backlogAtEnd, long lagAtEnd,
		Map<String, Long> lagByGroupAtEnd, Map<String, Long> lagByGroupAfterDrain, double drainSeconds, long incomplete,
		Map<String, Double> cpuMsPerOrder, Map<String, Double> jitGcMsPerOrder,
		Map<String, Double> componentCpuMsPerOrder, double machineIdleShare, double messagesPerOrder,
		double commitsPerOrder, Map<String, Double> commitsPerOrderByDatabase, boolean sustainable, String verdict) {

	/**
	 * CPU milliseconds per order of the three services together; NaN when not measured.
	 */
	double servicesCpuMsPerOrder() {
		if (cpuMsPerOrder.isEmpty()) {
			return Double.NaN; // a running stack's processes are not measured
		}
		return LoadLadder.round(cpuMsPerOrder.values().stream().mapToDouble(Double::doubleValue).sum());
	}

	/**
	 * The part of {@link #servicesCpuMsPerOrder()} the services' JIT compilers and
	 * garbage collectors used; NaN when not measured.
	 */
	double servicesJitGcMsPerOrder() {
		if (jitGcMsPerOrder.isEmpty()) {
			return Double.NaN;
		}
		return LoadLadder.round(jitGcMsPerOrder.values().stream().mapToDouble(Double::doubleValue).sum());
	}

}
