package io.orderflow.localstack;

import java.time.Duration;
import java.util.List;

import io.orderflow.console.controls.ServiceControls;
import io.orderflow.localstack.process.ServiceProcess;

/**
 * What the console's stop and start buttons do in the local stack: the same as
 * {@code stop payment} at the terminal. Instances are named as the stack names them
 * ({@code payment-service}, {@code payment-service-2}).
 */
final class LocalServiceControls implements ServiceControls {

	private static final Duration READY = Duration.ofSeconds(90);

	private final List<ServiceProcess> instances;

	LocalServiceControls(List<ServiceProcess> instances) {
		this.instances = List.copyOf(instances);
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
		return instances.stream()
			.filter(instance -> instance.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No service " + name + " in the local stack"));
	}

}
