package io.orderflow.provider.simulator;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Counts what reached the provider and the unfriendly answers it gave. Fault tests use it
 * to prove the absence of a retry storm (after an outage, the number of charge requests
 * stays bounded) and that a client honoured a refusal (a {@code 429} or a {@code 409} is
 * not hammered).
 */
public final class RequestStats {

	private final Map<String, LongAdder> requests = new ConcurrentHashMap<>();

	private final LongAdder injectedErrors = new LongAdder();

	private final LongAdder idempotentReplays = new LongAdder();

	private final LongAdder unauthorized = new LongAdder();

	private final LongAdder rateLimited = new LongAdder();

	private final LongAdder inFlightConflicts = new LongAdder();

	private final AtomicInteger heldAnswers = new AtomicInteger();

	/**
	 * @param endpoint method and path, e.g. {@code "POST /v1/charges"}
	 * @return how many requests it received since start or the last reset, answered in
	 * any way
	 */
	public long requests(String endpoint) {
		LongAdder counter = requests.get(endpoint);
		return counter == null ? 0 : counter.sum();
	}

	/**
	 * How many requests got an injected answer (an error, or a non-JSON page with
	 * {@code nonJsonOk}).
	 */
	public long injectedErrors() {
		return injectedErrors.sum();
	}

	/**
	 * How many answers the injected latency holds back at this moment: the call ran (its
	 * effect booked, or an injected failure decided) and its client still waits. A fault
	 * test waits for one to break the client's side after the provider has said yes.
	 */
	public int heldAnswers() {
		return heldAnswers.get();
	}

	/** How many requests were answered with a replay of an earlier answer. */
	public long idempotentReplays() {
		return idempotentReplays.sum();
	}

	/**
	 * How many requests were answered {@code 401}: a missing or wrong API key, or an
	 * injected 401.
	 */
	public long unauthorized() {
		return unauthorized.sum();
	}

	/** How many requests were answered {@code 429}: by the rate limit or injected. */
	public long rateLimited() {
		return rateLimited.sum();
	}

	/**
	 * How many requests were answered {@code 409} because a request with their key was in
	 * flight.
	 */
	public long inFlightConflicts() {
		return inFlightConflicts.sum();
	}

	public Snapshot snapshot() {
		Map<String, Long> counts = new HashMap<>();
		requests.forEach((endpoint, counter) -> counts.put(endpoint, counter.sum()));
		return new Snapshot(counts, injectedErrors(), idempotentReplays(), unauthorized(), rateLimited(),
				inFlightConflicts());
	}

	void requestReceived(String endpoint) {
		requests.computeIfAbsent(endpoint, e -> new LongAdder()).increment();
	}

	/**
	 * Counts an answer by its status. Only the provider's API answers 401, 409 and 429,
	 * and each means exactly one thing there, so the status alone says which counter it
	 * belongs to, whoever produced it (the key check, the rate limit, the idempotency
	 * store or an injected fault).
	 */
	void answered(int status) {
		switch (status) {
			case 401 -> unauthorized.increment();
			case 409 -> inFlightConflicts.increment();
			case 429 -> rateLimited.increment();
			default -> {
				// not counted separately
			}
		}
	}

	void errorInjected() {
		injectedErrors.increment();
	}

	void answerHeld() {
		heldAnswers.incrementAndGet();
	}

	void answerReleased() {
		heldAnswers.decrementAndGet();
	}

	void idempotentReplay() {
		idempotentReplays.increment();
	}

	void reset() {
		requests.clear();
		injectedErrors.reset();
		idempotentReplays.reset();
		unauthorized.reset();
		rateLimited.reset();
		inFlightConflicts.reset();
	}

	/** The counters at one moment, as {@code GET /v1/admin/stats} shows them. */
	@JsonPropertyOrder({ "requests", "injectedErrors", "idempotentReplays", "unauthorized", "rateLimited",
			"inFlightConflicts" })
	public record Snapshot(Map<String, Long> requests, long injectedErrors, long idempotentReplays, long unauthorized,
			long rateLimited, long inFlightConflicts) {

		public Snapshot {
			// sorted, so that the JSON reads the same on every call
			requests = Collections.unmodifiableMap(new TreeMap<>(requests));
		}

	}

}
