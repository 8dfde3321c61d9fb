package io.orderflow.console;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.orderflow.console.controls.ServiceControls;
import io.orderflow.console.status.ServiceEndpoint;

/**
 * Where the console listens and where it finds the system: Kafka, the three services'
 * public endpoints and the payment provider's admin API. Nothing else.
 *
 * @param address where the page is served; port 0 takes a free one
 * @param consumerGroup the console's own consumer group, which never commits offsets
 * @param window how many recent records of each partition to read at start
 * @param controls stops and starts services where the console can (local stack),
 * {@code null} elsewhere
 */
public record ConsoleSettings(InetSocketAddress address, String bootstrapServers, List<ServiceEndpoint> services,
		URI provider, String consumerGroup, int window, ServiceControls controls) {

	public static final int DEFAULT_PORT = 8080;

	public static final String DEFAULT_GROUP = "orderflow-console";

	public static final int DEFAULT_WINDOW = 200;

	public static final String ORDER_SERVICE = "order-service";

	public static final String PAYMENT_SERVICE = "payment-service";

	public static final String NOTIFICATION_SERVICE = "notification-service";

	public ConsoleSettings {
		Objects.requireNonNull(address, "address");
		Objects.requireNonNull(bootstrapServers, "bootstrapServers");
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(consumerGroup, "consumerGroup");
		services = List.copyOf(services);
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
	 * The usual settings: the three services at their base URIs, the console's own group
	 * and window.
	 */
	public static ConsoleSettings of(InetSocketAddress address, String bootstrapServers, URI orderService,
			URI paymentService, URI notificationService, URI provider) {
		return new ConsoleSettings(address, bootstrapServers,
				List.of(ServiceEndpoint.of(ORDER_SERVICE, orderService),
						ServiceEndpoint.of(PAYMENT_SERVICE, paymentService),
						ServiceEndpoint.of(NOTIFICATION_SERVICE, notificationService)),
				provider, DEFAULT_GROUP, DEFAULT_WINDOW, null);
	}

	public ConsoleSettings withControls(ServiceControls controls) {
		return new ConsoleSettings(address, bootstrapServers, services, provider, consumerGroup, window, controls);
	}

	public ConsoleSettings withConsumerGroup(String consumerGroup) {
		return new ConsoleSettings(address, bootstrapServers, services, provider, consumerGroup, window, controls);
	}

	public Optional<ServiceControls> serviceControls() {
		return Optional.ofNullable(controls);
	}

	ServiceEndpoint service(String name) {
		return services.stream().filter(service -> service.name().equals(name)).findFirst().orElseThrow();
	}

}
