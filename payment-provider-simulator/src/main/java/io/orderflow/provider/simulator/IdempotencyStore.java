package io.orderflow.provider.simulator;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Remembers, per idempotency key, the request that first used it and the answer it got.
 *
 * <ul>
 * <li>The same key with an equal request gets the very same answer again, marked
 * {@code Idempotent-Replayed: true}, and nothing new is booked.</li>
 * <li>The same key with a different request is a client bug and gets {@code 422}.</li>
 * <li>Requests with the same key are serialised by a lock per key, so of N concurrent requests
 * exactly one books and the others replay its answer.</li>
 * <li>Only answers that booked something (a charge, approved or declined, or a refund) are
 * remembered. A refused request ({@link ApiException}) booked nothing, so its key stays unused
 * and a corrected retry can still succeed.</li>
 * </ul>
 * Keys are scoped per operation, so a client may use one key (say, an order id) for the charge and
 * for the refund of the same order.
 */
final class IdempotencyStore {

	static final String REPLAYED_HEADER = "Idempotent-Replayed";

	private final ConcurrentHashMap<String, Slot> slots = new ConcurrentHashMap<>();

	private final RequestStats stats;

	IdempotencyStore(RequestStats stats) {
		this.stats = stats;
	}

	/**
	 * @param request a value object with {@code equals} that says whether two requests are the same
	 * @param effect books the operation and returns its answer, or throws {@link ApiException}
	 */
	ApiResponse execute(String operation, String key, Object request, Supplier<ApiResponse> effect) {
		// A slot is never removed while the store lives: removing it could let two requests for
		// the same key lock two different slots. Reset clears the whole store at once.
		Slot slot = slots.computeIfAbsent(operation + " " + key, k -> new Slot());
		slot.lock.lock();
		try {
			if (slot.answer != null) {
				if (!slot.request.equals(request)) {
					throw new ApiException(422, "idempotency-key-reused", "Idempotency key reused",
							"Idempotency key '" + key + "' was already used for a different " + operation
									+ " request; send a new key for a new request");
				}
				stats.idempotentReplay();
				return slot.answer.withHeader(REPLAYED_HEADER, "true");
			}
			ApiResponse answer = effect.get();
			slot.request = request;
			slot.answer = answer;
			return answer;
		}
		finally {
			slot.lock.unlock();
		}
	}

	void clear() {
		slots.clear();
	}

	/** A lock, not {@code synchronized}: waiting virtual threads then never pin a carrier thread. */
	private static final class Slot {

		private final ReentrantLock lock = new ReentrantLock();

		private Object request;

		private ApiResponse answer;

	}

}
