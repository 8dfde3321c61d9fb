package io.orderflow.console.status;

import java.net.URI;

/**
 * One of the three services as the console reaches it: its public HTTP base and the
 * consumer group it reads Kafka in (each service's group is its application name).
 */
public record ServiceEndpoint(String name, URI baseUri, String consumerGroup) {

	public static ServiceEndpoint of(String name, URI baseUri) {
		return new ServiceEndpoint(name, baseUri, name);
	}

	public URI resolve(String path) {
		return baseUri.resolve(path);
	}

}
