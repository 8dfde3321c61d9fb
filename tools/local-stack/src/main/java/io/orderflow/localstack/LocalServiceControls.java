package io.orderflow.localstack;

import java.time.Duration;
import java.util.Map;

import io.orderflow.console.controls.ServiceControls;
import io.orderflow.localstack.process.ServiceProcess;

/**
 * What the console's stop and start buttons do in the local stack: the same as
 * {@code stop payment} at the terminal.
 */
final class LocalServiceControls implements ServiceControls {

	private static final Duration READY = Duration.ofSeconds(90);

	private final Map<OrderflowService, ServiceProcess> services;

	LocalServiceControls(Map<OrderflowService, ServiceProcess> services) {
		this.services = services;
	}

	@Override
	public void stop(String service) {
		process(service).stop();
	}

	@Override
	public void start(String service) {
		process(service).start().awaitReady(READY);
	}

	@Override
	public boolean isRunning(String service) {
		return process(service).isAlive();
	}

	private ServiceProcess process(String name) {
		return services.entrySet()
			.stream()
			.filter(entry -> entry.getKey().moduleName().equals(name))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service " + name + " in the local stack"));
	}

}
