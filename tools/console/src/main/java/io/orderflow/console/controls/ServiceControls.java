package io.orderflow.console.controls;

/**
 * Stopping and starting the services' processes: what the local stack hands the console,
 * because only there does the console run beside the processes. In docker compose the
 * page hides these controls ({@code docker compose stop payment-service} does the same).
 *
 * <p>
 * Each method takes one instance's name: the service's own for its first instance
 * ({@code payment-service}), {@code payment-service-2} for the next
 * ({@link io.orderflow.console.status.ServiceEndpoint#instance}).
 */
public interface ServiceControls {

	/** Stops the service gracefully; returns once it has stopped. */
	void stop(String service);

	/** Starts the service; returns once it is ready. */
	void start(String service);

	boolean isRunning(String service);

}
