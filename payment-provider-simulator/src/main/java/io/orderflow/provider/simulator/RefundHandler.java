package io.orderflow.provider.simulator;

import java.math.BigDecimal;
import java.util.Set;

/**
 * {@code POST /v1/refunds}: refunds all or part of a succeeded charge, once per idempotency key.
 * Without an amount, it refunds what is left of the charge.
 */
final class RefundHandler implements Endpoint {

	private static final Set<String> FIELDS = Set.of("charge", "amount");

	private final Ledger ledger;

	private final IdempotencyStore idempotency;

	RefundHandler(Ledger ledger, IdempotencyStore idempotency) {
		this.ledger = ledger;
		this.idempotency = idempotency;
	}

	@Override
	public ApiResponse handle(ApiRequest request) {
		String key = request.requiredIdempotencyKey();
		JsonFields fields = JsonFields.of(request.body(), FIELDS);
		RefundRequest refund = new RefundRequest(fields.requiredText("charge"),
				fields.optionalAmount("amount").orElse(null));
		return idempotency.execute("refund", key, refund, () -> {
			try {
				return ApiResponse.of(201, ledger.recordRefund(key, refund.charge(), refund.amount()));
			}
			catch (RefundRejectedException ex) {
				throw switch (ex.reason()) {
					case UNKNOWN_CHARGE -> new ApiException(404, "charge-not-found", "Charge not found", ex.getMessage());
					case CHARGE_NOT_SUCCEEDED ->
						new ApiException(409, "charge-not-refundable", "Charge not refundable", ex.getMessage());
					case EXCEEDS_REFUNDABLE_AMOUNT ->
						new ApiException(409, "refund-exceeds-charge", "Refund exceeds charge", ex.getMessage());
				};
			}
		});
	}

	/** The validated request; a {@code null} amount means "everything still refundable". */
	private record RefundRequest(String charge, BigDecimal amount) {
	}

}
