package io.orderflow.console;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.orderflow.console.controls.ServiceControls;
import io.orderflow.console.status.ServiceEndpoint;
import io.orderflow.probes.kafka.KafkaConnection;

/**
 * Where the console listens and where it finds the system: Kafka, the three services'
 * public endpoints and the payment provider's admin API; and who it is to the services
 * and to the broker. Nothing else.
 *
 * @param services an endpoint of each of the three services, named after it, and of each
 * further instance of one ({@link #withInstance}), each name once
 * @param address where the page is served; port 0 takes a free one
 * @param kafka the broker, as the console's read-only user ({@code console})
 * @param consumerGroup the console's own consumer group, which never commits offsets
 * @param identity the operator's and the demo customer's credentials
 * @param window how many recent records of each partition to read at start
 * @param controls stops and starts services where the console can (local stack),
 * {@code null} elsewhere
 * @param faultInjector the broker as a user that may write the event topics, with which
 * the console puts poison on them (local stack); {@code null} elsewhere: the console
 * itself only reads
 */
public record ConsoleSettings(InetSocketAddress address, KafkaConnection kafka, List<ServiceEndpoint> services,
		URI provider, ConsoleIdentity identity, String consumerGroup, int window, ServiceControls controls,
		KafkaConnection faultInjector) {

	public static final int DEFAULT_PORT = 8080;

	public static final String DEFAULT_GROUP = "orderflow-console";

	public static final int DEFAULT_WINDOW = 200;

	public static final String ORDER_SERVICE = "order-service";

	public static final String PAYMENT_SERVICE = "payment-service";

	public static final String NOTIFICATION_SERVICE = "notification-service";

	public ConsoleSettings {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(kafka, "kafka");
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(identity, "identity");
		Objects.requireNonNull(consumerGroup, "consumerGroup");
		services = List.copyOf(services);
		if (services.stream().map(ServiceEndpoint::name).distinct().count() < services.size()) {
			// the page stops and starts an instance by its name
			throw new IllegalArgumentException("Two endpoints of one name among " + services);
		}
		for (String name : List.of(ORDER_SERVICE, PAYMENT_SERVICE, NOTIFICATION_SERVICE)) {
			if (services.stream().noneMatch(service -> service.name().equals(name))) {
				throw new IllegalArgumentException("No endpoint of " + name + " among " + services);
			}
		}
		if (window < 0) {
			throw new IllegalArgumentException("window must not be negative, was " + window);
		}
	}

	/**
	 * The usual settings: the three services at their base URIs (their actuator too), the
	 * demo identities at {@code http://localhost:9000}, the console's own group and
	 * window.
	 */
	public static ConsoleSettings of(InetSocketAddress address, KafkaConnection kafka, URI orderService,
			URI paymentService, URI notificationService, URI provider) {
		return new ConsoleSettings(address, kafka,
				List.of(ServiceEndpoint.of(ORDER_SERVICE, orderService),
						ServiceEndpoint.of(PAYMENT_SERVICE, paymentService),
						ServiceEndpoint.of(NOTIFICATION_SERVICE, notificationService)),
				provider, ConsoleIdentity.demo(ConsoleIdentity.DEMO_TOKEN_URI), DEFAULT_GROUP, DEFAULT_WINDOW, null,
				null);
	}

	public ConsoleSettings withControls(ServiceControls controls) {
		return new ConsoleSettings(address, kafka, services, provider, identity, consumerGroup, window, controls,
				faultInjector);
	}

	public ConsoleSettings withConsumerGroup(String consumerGroup) {
		return new ConsoleSettings(address, kafka, services, provider, identity, consumerGroup, window, controls,
				faultInjector);
	}

	public ConsoleSettings withIdentity(ConsoleIdentity identity) {
		return new ConsoleSettings(address, kafka, services, provider, identity, consumerGroup, window, controls,
				faultInjector);
	}

	/**
	 * The services' management ports, where health and Prometheus answer without a token:
	 * of their first instances, named after them.
	 */
	public ConsoleSettings withManagement(URI orderService, URI paymentService, URI notificationService) {
		Map<String, URI> management = Map.of(ORDER_SERVICE, orderService, PAYMENT_SERVICE, paymentService,
				NOTIFICATION_SERVICE, notificationService);
		return new ConsoleSettings(address, kafka, services.stream()
			.map(service -> service.withManagementUri(management.getOrDefault(service.name(), service.managementUri())))
			.toList(), provider, identity, consumerGroup, window, controls, faultInjector);
	}

	/**
	 * One more instance of one of the three services, e.g.
	 * {@code ServiceEndpoint.instance("payment-service", 2, ...)}: the page shows it
	 * under its service, up or down and running or stopped, with its own stop and start.
	 * @throws IllegalArgumentException when it is no instance of one of the three
	 * services (by its consumer group), or its name is taken
	 */
	public ConsoleSettings withInstance(ServiceEndpoint instance) {
		List<String> groups = Stream.of(ORDER_SERVICE, PAYMENT_SERVICE, NOTIFICATION_SERVICE)
			.map(name -> service(name).consumerGroup())
			.toList();
		if (!groups.contains(instance.consumerGroup())) {
			throw new IllegalArgumentException(
					instance + " reads in no service's consumer group: it is no instance of one of " + groups);
		}
		List<ServiceEndpoint> more = new ArrayList<>(services);
		more.add(instance);
		return new ConsoleSettings(address, kafka, more, provider, identity, consumerGroup, window, controls,
				faultInjector);
	}

	/** Lets the console put poison on the event topics, as this user. */
	public ConsoleSettings withFaultInjector(KafkaConnection faultInjector) {
		return new ConsoleSettings(address, kafka, services, provider, identity, consumerGroup, window, controls,
				faultInjector);
	}

	public Optional<ServiceControls> serviceControls() {
		return Optional.ofNullable(controls);
	}

	ServiceEndpoint service(String name) {
		return services.stream().filter(service -> service.name().equals(name)).findFirst().orElseThrow();
	}

}
