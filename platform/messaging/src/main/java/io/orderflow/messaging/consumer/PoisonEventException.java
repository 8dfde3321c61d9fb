package io.orderflow.messaging.consumer;

/**
 * A record that can never be processed, however often it is retried: it goes straight to
 * the dead-letter topic with this message as its reason (property I6,
 * docs/architecture.md).
 */
public class PoisonEventException extends RuntimeException {

	public PoisonEventException(String message) {
		super(message);
	}

	public PoisonEventException(String message, Throwable cause) {
		super(message, cause);
	}

}
