package io.orderflow.console.status;

import java.util.List;

/**
 * A synchronous edge that remains in the system, guarded by a circuit breaker named after
 * the downstream, and the service that makes the calls (whose
 * {@code /actuator/prometheus} reports the breaker's state).
 */
public record Edge(String name, String caller) {

	public static final List<Edge> SYSTEM = List.of(new Edge("payment-provider", "payment-service"),
			new Edge("mail-server", "notification-service"), new Edge("payment-service", "order-service"));

}
