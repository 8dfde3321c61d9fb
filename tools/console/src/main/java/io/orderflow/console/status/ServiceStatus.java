package io.orderflow.console.status;

import java.util.List;
import java.util.Objects;

/**
 * One service as the console saw it at its last look: over all its instances, and each of
 * them.
 *
 * @param health {@code UP} (every instance up), {@code PARTIAL} (some up, not all),
 * {@code DOWN} (none up, some answered) or {@code UNREACHABLE} (none answered: stopped,
 * or dead); with one instance, that instance's
 * @param running whether any of its instances' processes runs, where the console controls
 * them (local stack), else {@code null}
 * @param lag records its consumer group has yet to read, from Kafka's own offsets (known
 * while the service is down, which is when it matters), else the largest its instances'
 * consumers report; {@code null} when unknown. One figure per service: its instances
 * share the group
 * @param outboxBacklog events its outbox has not relayed yet, {@code null} when unknown
 * @param deadLetters its unresolved dead letters, {@code null} when unknown
 * @param instances each instance, the first first
 */
public record ServiceStatus(String name, String health, Boolean running, Long lag, Double outboxBacklog,
		Double deadLetters, List<InstanceStatus> instances) {

	public ServiceStatus {
		instances = List.copyOf(instances);
	}

	static String health(List<InstanceStatus> instances) {
		long up = instances.stream().filter(instance -> instance.health().equals("UP")).count();
		if (up == instances.size()) {
			return "UP";
		}
		if (up > 0) {
			return "PARTIAL";
		}
		return instances.stream().anyMatch(instance -> instance.health().equals("DOWN")) ? "DOWN" : "UNREACHABLE";
	}

	/** {@code null} when the console does not control the processes. */
	static Boolean running(List<InstanceStatus> instances) {
		if (instances.stream().map(InstanceStatus::running).anyMatch(Objects::isNull)) {
			return null;
		}
		return instances.stream().anyMatch(InstanceStatus::running);
	}

}
