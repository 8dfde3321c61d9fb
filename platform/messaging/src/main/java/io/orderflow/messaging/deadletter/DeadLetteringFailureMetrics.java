package io.orderflow.messaging.deadletter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.orderflow.messaging.consumer.BackingOffRecoverer;
import io.orderflow.messaging.consumer.DeadLetteringFailureListener;

/**
 * {@code orderflow.dead.letter.failures{topic}}
 * ({@code orderflow_dead_letter_failures_total} in Prometheus): how often a record could
 * not be written to the dead-letter topic ({@link BackingOffRecoverer}). Any increase
 * means a partition is blocked behind a record that waits to be dead-lettered; the alert
 * {@code DeadLetteringFailing} says so. Registered at zero for each of the service's
 * dead-letter topics, so that an increase from nothing shows.
 */
public class DeadLetteringFailureMetrics implements MeterBinder, DeadLetteringFailureListener {

	public static final String NAME = "orderflow.dead.letter.failures";

	private final Iterable<String> deadLetterTopics;

	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	private volatile MeterRegistry registry;

	public DeadLetteringFailureMetrics(Iterable<String> deadLetterTopics) {
		this.deadLetterTopics = deadLetterTopics;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		deadLetterTopics.forEach(this::counter);
	}

	@Override
	public void failed(String deadLetterTopic) {
		if (registry != null) {
			counter(deadLetterTopic).increment();
		}
	}

	private Counter counter(String topic) {
		return counters.computeIfAbsent(topic,
				name -> Counter.builder(NAME)
					.tag("topic", name)
					.description(
							"Records that could not be written to the dead-letter topic; each one blocks its partition")
					.register(registry));
	}

}
