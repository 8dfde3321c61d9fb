package io.orderflow.console.status;

import java.time.Instant;
import java.util.List;

/**
 * Everything the console polls, at one moment.
 *
 * @param kafkaReachable whether the console's admin client reached the broker at its last
 * look
 * @param serviceControls whether services can be stopped and started from the page (local
 * stack only)
 */
public record SystemStatus(Instant at, List<ServiceStatus> services, List<EdgeStatus> edges, ProviderStatus provider,
		boolean kafkaReachable, boolean serviceControls) {
}
