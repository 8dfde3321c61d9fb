package io.orderflow.messaging.consumer;

/**
 * A downstream the consumer needs (a provider, a mail server) is unavailable: the record
 * is fine and must not be dead-lettered. It is retried with a growing pause until the
 * dependency heals; meanwhile the partition waits in Kafka, in order, and nothing is lost
 * (properties I1, I7, docs/architecture.md).
 */
public class DependencyUnavailableException extends RuntimeException {

	public DependencyUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
