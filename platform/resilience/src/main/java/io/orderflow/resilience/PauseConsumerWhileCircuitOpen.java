package io.orderflow.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Back-pressure instead of hot retries: while a downstream's circuit is open, the
 * listener that needs it stops pulling records (its container is paused); when the
 * circuit lets trial calls through again (half-open) the container resumes. Records wait
 * in Kafka, in order, not in a retry loop; lag grows and drains, nothing is lost.
 */
public class PauseConsumerWhileCircuitOpen {

	private static final Logger log = LoggerFactory.getLogger(PauseConsumerWhileCircuitOpen.class);

	private final ObjectProvider<KafkaListenerEndpointRegistry> listeners;

	public PauseConsumerWhileCircuitOpen(ObjectProvider<KafkaListenerEndpointRegistry> listeners) {
		this.listeners = listeners;
	}

	/** Pauses the listener with this id while the edge's circuit is open. */
	public void bind(ResilientEdge edge, String listenerId) {
		edge.circuitBreaker().getEventPublisher().onStateTransition(event -> {
			KafkaListenerEndpointRegistry registry = listeners.getIfAvailable();
			MessageListenerContainer container = registry == null ? null : registry.getListenerContainer(listenerId);
			if (container == null) {
				return;
			}
			CircuitBreaker.State state = event.getStateTransition().getToState();
			switch (state) {
				case OPEN, FORCED_OPEN -> {
					log.warn("Circuit '{}' is {}: pausing listener '{}'; records wait in Kafka", edge.name(), state,
							listenerId);
					container.pause();
				}
				case HALF_OPEN, CLOSED -> {
					if (container.isPauseRequested()) {
						log.info("Circuit '{}' is {}: resuming listener '{}'", edge.name(), state, listenerId);
						container.resume();
					}
				}
				default -> {
					// DISABLED, METRICS_ONLY: the circuit never refuses calls, nothing to
					// pause for
				}
			}
		});
	}

}
