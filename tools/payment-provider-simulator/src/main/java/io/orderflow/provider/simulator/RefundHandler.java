package io.orderflow.provider.simulator;

import java.math.BigDecimal;
import java.util.Set;

import io.orderflow.probes.http.HttpProblem;
import io.orderflow.probes.http.Request;
import io.orderflow.probes.http.Response;

/**
 * {@code POST /v1/refunds}: refunds all or part of a succeeded charge, once per
 * idempotency key. Without an amount, it refunds what is left of the charge. A refusal is
 * found while executing, so it is stored under the key like any other answer: a corrected
 * request needs a new key.
 */
final class RefundHandler implements Operation {

	private static final Set<String> FIELDS = Set.of("charge", "amount");

	private final Ledger ledger;

	private final IdempotencyStore idempotency;

	RefundHandler(Ledger ledger, IdempotencyStore idempotency) {
		this.ledger = ledger;
		this.idempotency = idempotency;
	}

	@Override
	public Response handle(Request request, InjectedFault fault) {
		String key = IdempotencyStore.requiredKey(request);
		JsonFields fields = JsonFields.of(request.body(), FIELDS);
		RefundRequest refund = new RefundRequest(fields.requiredText("charge"),
				fields.optionalAmount("amount").orElse(null));
		return idempotency.execute("refund", key, refund, () -> fault.execute(request.path(), () -> {
			try {
				return Response.of(201, ledger.recordRefund(key, refund.charge(), refund.amount()));
			}
			catch (RefundRejectedException ex) {
				throw refusal(ex);
			}
		}));
	}

	/**
	 * Stripe's answers: {@code 404 resource_missing} for an unknown charge, {@code 400}
	 * with a code for a charge that cannot be refunded (so far). {@code 409} is not among
	 * them: for a client it means "a request with this key is in flight", never
	 * "refused".
	 */
	private static HttpProblem refusal(RefundRejectedException ex) {
		return switch (ex.reason()) {
			case UNKNOWN_CHARGE -> new HttpProblem(404, "charge-not-found", "Charge not found", ex.getMessage())
				.withCode("resource_missing");
			case CHARGE_NOT_SUCCEEDED ->
				new HttpProblem(400, "charge-not-refundable", "Charge not refundable", ex.getMessage())
					.withCode("charge_not_refundable");
			case ALREADY_REFUNDED ->
				new HttpProblem(400, "charge-already-refunded", "Charge already refunded", ex.getMessage())
					.withCode("charge_already_refunded");
			case EXCEEDS_REFUNDABLE_AMOUNT ->
				new HttpProblem(400, "refund-exceeds-charge", "Refund exceeds charge", ex.getMessage())
					.withCode("amount_too_large");
		};
	}

	/**
	 * The validated request; a {@code null} amount means "everything still refundable".
	 */
	private record RefundRequest(String charge, BigDecimal amount) {
	}

}
