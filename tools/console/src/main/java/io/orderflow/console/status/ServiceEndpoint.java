package io.orderflow.console.status;

import java.net.URI;

/**
 * One of the three services as the console reaches it: its public HTTP base, where its
 * actuator answers (a management port of its own, where health and Prometheus need no
 * token; else the base), and the consumer group it reads Kafka in (each service's group
 * is its application name).
 */
public record ServiceEndpoint(String name, URI baseUri, URI managementUri, String consumerGroup) {

	public static ServiceEndpoint of(String name, URI baseUri) {
		return new ServiceEndpoint(name, baseUri, baseUri, name);
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
