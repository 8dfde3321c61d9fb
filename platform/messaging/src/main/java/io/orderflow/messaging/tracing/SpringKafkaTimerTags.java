package io.orderflow.messaging.tracing;

import io.micrometer.common.KeyValues;

import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * The tags of spring-kafka's own timers ({@code spring.kafka.listener},
 * {@code spring.kafka.template}): {@code name}, {@code result} and {@code exception}.
 * spring-kafka switches those timers off once a container or template is observed, and
 * the observation's timer takes their name; keeping their tags keeps the dashboards,
 * alerts and tests written against them working.
 */
final class SpringKafkaTimerTags {

	private SpringKafkaTimerTags() {
	}

	/**
	 * As spring-kafka tags a failure: by the listener's own exception, not the
	 * container's wrapper around it.
	 */
	static KeyValues of(String name, Throwable error) {
		Throwable failure = error instanceof ListenerExecutionFailedException wrapper && wrapper.getCause() != null
				? wrapper.getCause() : error;
		return KeyValues.of("name", name == null ? "none" : name, "result", failure == null ? "success" : "failure",
				"exception", failure == null ? "none" : failure.getClass().getSimpleName());
	}

}
