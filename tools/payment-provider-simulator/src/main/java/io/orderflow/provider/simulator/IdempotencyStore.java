package io.orderflow.provider.simulator;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.orderflow.probes.http.HttpProblem;
import io.orderflow.probes.http.Request;
import io.orderflow.probes.http.Response;

/**
 * Remembers, per idempotency key, the request that first used it and the answer it got,
 * with Stripe's rules.
 *
 * <ul>
 * <li>The same key with an equal request gets the stored answer again, marked
 * {@code Idempotent-Replayed: true}, and nothing new is booked.</li>
 * <li>The same key with a different request is a client bug and gets {@code 422}.</li>
 * <li>A request whose key is in flight (another request with it is executing) gets
 * {@code 409} at once, with {@code Retry-After: 1}; it does not wait. So of N concurrent
 * requests with one key exactly one executes and books.</li>
 * <li>What is stored is the answer of the execution, whatever it is: a charge (approved
 * or declined), a refund, a refusal found while executing (an unknown charge, say), and a
 * {@code 500}. Requests refused before execution began (invalid input, a bad API key, the
 * rate limit, a gateway error) never get here, so their key stays usable for a corrected
 * retry.</li>
 * </ul>
 * Keys are scoped per operation, so a client may use one key (say, an order id) for the
 * charge and for the refund of the same order.
 */
final class IdempotencyStore {

	static final String REPLAYED_HEADER = "Idempotent-Replayed";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/**
	 * Same limit as Stripe: long enough for any UUID or composite key, short enough to
	 * store.
	 */
	static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

	private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

	private final RequestStats stats;

	IdempotencyStore(RequestStats stats) {
		this.stats = stats;
	}

	/**
	 * @param request a value object with {@code equals} that says whether two requests
	 * are the same
	 * @param execution executes the operation (its effect, the injected fault and the
	 * latency) and says what to store and what to send
	 */
	Response execute(String operation, String key, Object request, Supplier<InjectedFault.Outcome> execution) {
		// A slot is never removed while the store lives: removing it could let two
		// requests for
		// the same key lock two different slots. Reset clears the whole store at once.
		Slot slot = slots.computeIfAbsent(operation + " " + key, k -> new Slot());
		// read without the lock, so that a replay never waits on, nor counts as, a
		// request in flight
		Stored stored = slot.stored;
		if (stored != null) {
			return replay(stored, operation, key, request);
		}
		if (!slot.lock.tryLock()) {
			throw inUse(operation, key);
		}
		try {
			stored = slot.stored;
			if (stored != null) {
				return replay(stored, operation, key, request);
			}
			InjectedFault.Outcome outcome = execution.get();
			slot.stored = new Stored(request, outcome.toStore());
			return outcome.toSend();
		}
		finally {
			slot.lock.unlock();
		}
	}

	/**
	 * The request's {@value #IDEMPOTENCY_KEY} header, refused with a 400 when missing or
	 * too long.
	 */
	static String requiredKey(Request request) {
		String key = request.headers().getFirst(IDEMPOTENCY_KEY);
		if (key == null || key.isBlank()) {
			throw HttpProblem.invalidRequest("Header " + IDEMPOTENCY_KEY
					+ " is required: it is what guarantees that a retried request never charges twice");
		}
		if (key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
			throw HttpProblem.invalidRequest("Header " + IDEMPOTENCY_KEY + " must be at most "
					+ MAX_IDEMPOTENCY_KEY_LENGTH + " characters, was " + key.length());
		}
		return key;
	}

	void clear() {
		slots.clear();
	}

	private Response replay(Stored stored, String operation, String key, Object request) {
		if (!stored.request().equals(request)) {
			throw new HttpProblem(422, "idempotency-key-reused", "Idempotency key reused", "Idempotency key '" + key
					+ "' was already used for a different " + operation + " request; send a new key for a new request");
		}
		stats.idempotentReplay();
		return stored.answer().withHeader(REPLAYED_HEADER, "true");
	}

	private static HttpProblem inUse(String operation, String key) {
		return new HttpProblem(409, "idempotency-key-in-use", "Idempotency key in use",
				"A " + operation + " request with idempotency key '" + key
						+ "' is still being executed; retry after it completes")
			.withCode("idempotency_key_in_use")
			.withHeader("Retry-After", "1");
	}

	private record Stored(Object request, Response answer) {
	}

	/**
	 * A lock, not {@code synchronized}: it is only ever tried, and a virtual thread
	 * holding it through the injected latency must not pin its carrier thread.
	 */
	private static final class Slot {

		private final ReentrantLock lock = new ReentrantLock();

		private volatile Stored stored;

	}

}
