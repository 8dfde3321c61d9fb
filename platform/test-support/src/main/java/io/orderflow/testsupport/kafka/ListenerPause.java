package io.orderflow.testsupport.kafka;

import java.time.Duration;

import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Holds a listener back while a test publishes, so that what it publishes arrives in one
 * poll: how a test puts records into one batch (ADR 0024).
 */
public final class ListenerPause {

	private static final Duration PAUSED_WITHIN = Duration.ofSeconds(10);

	private ListenerPause() {
	}

	/**
	 * Runs {@code publishing} while the listener takes no records, then lets it take
	 * them; the listener is resumed however {@code publishing} ends.
	 * @throws IllegalStateException when the listener did not pause within 10 s
	 */
	public static void whilePaused(KafkaListenerEndpointRegistry listeners, String listenerId, Runnable publishing) {
		MessageListenerContainer container = listeners.getListenerContainer(listenerId);
		if (container == null) {
			throw new IllegalArgumentException("No listener container " + listenerId);
		}
		container.pause();
		try {
			awaitPaused(container);
			publishing.run();
		}
		finally {
			container.resume();
		}
	}

	private static void awaitPaused(MessageListenerContainer container) {
		long deadline = System.nanoTime() + PAUSED_WITHIN.toNanos();
		while (!container.isContainerPaused()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException(
						"Listener " + container.getListenerId() + " did not pause within " + PAUSED_WITHIN);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting for the listener to pause", ex);
			}
		}
	}

}
