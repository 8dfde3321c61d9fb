package io.orderflow.provider.simulator;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Counts what reached the provider. Fault tests use it to prove the absence of a retry storm: after
 * an outage, the number of charge requests stays bounded.
 */
public final class RequestStats {

	private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

	private final LongAdder injectedErrors = new LongAdder();

	private final LongAdder idempotentReplays = new LongAdder();

	/**
	 * @param endpoint method and path, e.g. {@code "POST /v1/charges"}
	 * @return how many requests it received since start or the last reset
	 */
	public long requests(String endpoint) {
		LongAdder counter = requests.get(endpoint);
		return counter == null ? 0 : counter.sum();
	}

	/** How many requests were answered with an injected {@code 503}. */
	public long injectedErrors() {
		return injectedErrors.sum();
	}

	/** How many requests were answered with a replay of an earlier answer. */
	public long idempotentReplays() {
		return idempotentReplays.sum();
	}

	public Snapshot snapshot() {
		Map<String, Long> counts = new HashMap<>();
		requests.forEach((endpoint, counter) -> counts.put(endpoint, counter.sum()));
		return new Snapshot(counts, injectedErrors(), idempotentReplays());
	}

	void requestReceived(String endpoint) {
		requests.computeIfAbsent(endpoint, e -> new LongAdder()).increment();
	}

	void errorInjected() {
		injectedErrors.increment();
	}

	void idempotentReplay() {
		idempotentReplays.increment();
	}

	void reset() {
		requests.clear();
		injectedErrors.reset();
		idempotentReplays.reset();
	}

	/** The counters at one moment, as {@code GET /v1/admin/stats} shows them. */
	@JsonPropertyOrder({ "requests", "injectedErrors", "idempotentReplays" })
	public record Snapshot(Map<String, Long> requests, long injectedErrors, long idempotentReplays) {

		public Snapshot {
			// sorted, so that the JSON reads the same on every call
			requests = Collections.unmodifiableMap(new TreeMap<>(requests));
		}

	}

}
