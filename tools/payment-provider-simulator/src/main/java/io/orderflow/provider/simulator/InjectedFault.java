package io.orderflow.provider.simulator;

import java.time.Duration;
import java.util.function.Supplier;

import io.orderflow.probes.http.HttpProblem;
import io.orderflow.probes.http.Response;

/**
 * The fault one call of the provider's API meets, applied where the real thing would
 * happen. The point is what each case books and what it leaves under the idempotency key,
 * because that is what a caller's retry meets (Stripe saves the answer of a request once
 * its execution began, a 500 included; answers given before that are not saved).
 *
 * <ul>
 * <li>401, 403, 404, 408, 429 and, before the effect, 502, 503, 504: answered by
 * something in front of the provider before the call runs
 * ({@link #answerBeforeExecution}): nothing booked, nothing stored, the key stays
 * usable.</li>
 * <li>500 before the effect: the provider began executing and failed: nothing booked, the
 * 500 is stored and replayed for that key.</li>
 * <li>500 after the effect: the call booked, then failed: the 500 is stored and
 * replayed.</li>
 * <li>502, 503, 504 after the effect: the call booked and its real answer is stored, but
 * the gateway lost it on the way back: the client gets the error, a retry gets the real
 * answer replayed.</li>
 * <li>{@code nonJsonOk}: the call booked and its real answer is stored; the client gets a
 * proxy's HTML page with a {@code 200}.</li>
 * </ul>
 * The latency is spent after the effect, while the call's key is still in flight: a
 * client that times out and retries meets {@code 409} until the first call is done.
 */
final class InjectedFault {

	private final FaultSettings settings;

	private final boolean strikes;

	private final RequestStats stats;

	InjectedFault(FaultSettings settings, boolean strikes, RequestStats stats) {
		this.settings = settings;
		this.strikes = strikes;
		this.stats = stats;
	}

	/**
	 * What to store under the call's idempotency key and what to send to the client; the
	 * same answer unless the answer was lost on its way back.
	 */
	record Outcome(Response toStore, Response toSend) {

		static Outcome of(Response answer) {
			return new Outcome(answer, answer);
		}

	}

	/**
	 * @throws HttpProblem the injected answer, when this fault strikes before the call
	 * runs
	 */
	void answerBeforeExecution(String path) {
		if (strikesBeforeExecution()) {
			stats.errorInjected();
			throw InjectedErrors.beforeExecution(settings.errorStatus(), path);
		}
	}

	/**
	 * Executes the call as the fault says, once the idempotency store let it run. A
	 * refusal the operation throws while executing (an unknown charge, say) is its answer
	 * like any other.
	 */
	Outcome execute(String path, Supplier<Response> operation) {
		if (strikesAs500BeforeEffect()) {
			stats.errorInjected();
			delay();
			return Outcome.of(InjectedErrors.internalError(false, path));
		}
		Response real = run(path, operation);
		delay();
		if (!strikes) {
			return Outcome.of(real);
		}
		stats.errorInjected();
		if (settings.nonJsonOk()) {
			return new Outcome(real, ProxyErrorPage.response());
		}
		if (settings.errorStatus() == 500) {
			return Outcome.of(InjectedErrors.internalError(true, path));
		}
		return new Outcome(real, InjectedErrors.answerLost(settings.errorStatus(), path));
	}

	private boolean strikesBeforeExecution() {
		return strikes && !settings.nonJsonOk() && !settings.errorAfterEffect() && settings.errorStatus() != 500;
	}

	private boolean strikesAs500BeforeEffect() {
		return strikes && !settings.nonJsonOk() && !settings.errorAfterEffect() && settings.errorStatus() == 500;
	}

	private static Response run(String path, Supplier<Response> operation) {
		try {
			return operation.get();
		}
		catch (HttpProblem refusal) {
			return refusal.toResponse(PaymentProviderSimulator.PROBLEM_TYPES, path);
		}
	}

	private void delay() {
		Duration latency = settings.latency();
		if (latency.isZero()) {
			return;
		}
		stats.answerHeld();
		try {
			// requests run on virtual threads, so a sleeping request costs no platform
			// thread
			Thread.sleep(latency);
		}
		catch (InterruptedException ex) {
			// the server is stopping: answer now
			Thread.currentThread().interrupt();
		}
		finally {
			stats.answerReleased();
		}
	}

}
