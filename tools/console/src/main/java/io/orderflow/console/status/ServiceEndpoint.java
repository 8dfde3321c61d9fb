package io.orderflow.console.status;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One instance of one of the three services as the console reaches it: its public HTTP
 * base, where its actuator answers (a management port of its own, where health and
 * Prometheus need no token; else the base), and the consumer group it reads Kafka in
 * (each service's group is its application name).
 *
 * <p>
 * A service's first instance is named after the service ({@code payment-service}); more
 * instances of it ({@link #instance}) share its consumer group, which is how the console
 * tells whose instance an endpoint is.
 */
public record ServiceEndpoint(String name, URI baseUri, URI managementUri, String consumerGroup) {

	public static ServiceEndpoint of(String name, URI baseUri) {
		return new ServiceEndpoint(name, baseUri, baseUri, name);
	}

	/**
	 * Another instance of a service, e.g. {@code payment-service-2}: it reads Kafka in
	 * the service's group, beside the first instance.
	 * @param number 2 or more: the first instance is the service's own endpoint,
	 * {@link #of}
	 */
	public static ServiceEndpoint instance(String service, int number, URI baseUri, URI managementUri) {
		if (number < 2) {
			throw new IllegalArgumentException("Instance " + number + " of " + service
					+ ": more instances are numbered from 2, the first is the service's own endpoint");
		}
		return new ServiceEndpoint(service + "-" + number, baseUri, managementUri, service);
	}

	/**
	 * The endpoints by service, in the order the services first appear: each service's
	 * instances, first instance first, under the first instance's name.
	 */
	public static Map<String, List<ServiceEndpoint>> byService(List<ServiceEndpoint> endpoints) {
		Map<String, String> serviceByGroup = new LinkedHashMap<>();
		Map<String, List<ServiceEndpoint>> byService = new LinkedHashMap<>();
		for (ServiceEndpoint endpoint : endpoints) {
			String service = serviceByGroup.computeIfAbsent(endpoint.consumerGroup(), group -> endpoint.name());
			byService.computeIfAbsent(service, name -> new ArrayList<>()).add(endpoint);
		}
		byService.replaceAll((service, instances) -> List.copyOf(instances));
		return byService;
	}

	/**
	 * One endpoint per service, its first instance: where the console places orders and
	 * reads dead letters, which every instance would answer alike.
	 */
	public static List<ServiceEndpoint> firstInstances(List<ServiceEndpoint> endpoints) {
		return byService(endpoints).values().stream().map(List::getFirst).toList();
	}

	public ServiceEndpoint withManagementUri(URI newManagementUri) {
		return new ServiceEndpoint(name, baseUri, newManagementUri, consumerGroup);
	}

	public URI resolve(String path) {
		return baseUri.resolve(path);
	}

	/** An actuator path, e.g. {@code /actuator/prometheus}. */
	public URI actuator(String path) {
		return managementUri.resolve(path);
	}

}
