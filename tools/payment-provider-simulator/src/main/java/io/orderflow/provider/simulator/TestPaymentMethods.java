package io.orderflow.provider.simulator;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The payment method tokens the simulator understands. They are Stripe's well-known test
 * tokens, so data written against the simulator reads the same as data written against
 * Stripe's test mode.
 */
public final class TestPaymentMethods {

	public static final String VISA = "pm_card_visa";

	public static final String MASTERCARD = "pm_card_mastercard";

	public static final String DECLINED = "pm_card_chargeDeclined";

	public static final String INSUFFICIENT_FUNDS = "pm_card_chargeDeclinedInsufficientFunds";

	public static final String CARD_DECLINED_CODE = "card_declined";

	public static final String INSUFFICIENT_FUNDS_CODE = "insufficient_funds";

	/**
	 * Any token the provider does not know is declined, not rejected: that is what real
	 * providers do.
	 */
	public static final String INVALID_PAYMENT_METHOD_CODE = "invalid_payment_method";

	private static final Set<String> APPROVED = Set.of(VISA, MASTERCARD);

	private static final Map<String, String> DECLINE_CODES = Map.of(DECLINED, CARD_DECLINED_CODE, INSUFFICIENT_FUNDS,
			INSUFFICIENT_FUNDS_CODE);

	private TestPaymentMethods() {
	}

	/**
	 * Empty when a charge with this payment method is approved, otherwise the reason it
	 * is declined.
	 */
	public static Optional<String> declineCodeFor(String paymentMethod) {
		if (APPROVED.contains(paymentMethod)) {
			return Optional.empty();
		}
		return Optional.of(DECLINE_CODES.getOrDefault(paymentMethod, INVALID_PAYMENT_METHOD_CODE));
	}

}
