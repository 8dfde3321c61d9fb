package io.orderflow.provider.simulator;

import java.math.BigDecimal;
import java.util.Set;

import io.orderflow.probes.http.Request;
import io.orderflow.probes.http.Response;

/**
 * {@code POST /v1/charges}: charges a test payment method, once per idempotency key.
 * Approved charges answer {@code 201}, declined ones {@code 402}; both are booked in the
 * ledger.
 */
final class ChargeHandler implements Operation {

	private static final Set<String> FIELDS = Set.of("amount", "currency", "paymentMethod", "reference");

	private final Ledger ledger;

	private final IdempotencyStore idempotency;

	ChargeHandler(Ledger ledger, IdempotencyStore idempotency) {
		this.ledger = ledger;
		this.idempotency = idempotency;
	}

	@Override
	public Response handle(Request request, InjectedFault fault) {
		String key = IdempotencyStore.requiredKey(request);
		ChargeRequest charge = ChargeRequest.from(JsonFields.of(request.body(), FIELDS));
		return idempotency.execute("charge", key, charge, () -> fault.execute(request.path(), () -> {
			Charge booked = ledger.recordCharge(key, charge.reference(), charge.amount(), charge.currency(),
					charge.paymentMethod(), TestPaymentMethods.declineCodeFor(charge.paymentMethod()));
			return Response.of(booked.succeeded() ? 201 : 402, booked);
		}));
	}

	/**
	 * The validated request; its {@code equals} decides whether a reused key is a replay.
	 */
	private record ChargeRequest(BigDecimal amount, String currency, String paymentMethod, String reference) {

		static ChargeRequest from(JsonFields fields) {
			return new ChargeRequest(fields.requiredAmount("amount"), fields.requiredCurrency("currency"),
					fields.requiredText("paymentMethod"), fields.requiredText("reference"));
		}

	}

}
