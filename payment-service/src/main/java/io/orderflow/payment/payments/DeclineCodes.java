package io.orderflow.payment.payments;

import java.util.Set;

/**
 * What payment-service knows about the provider's decline codes, so that consumers of
 * {@code PaymentDeclinedV2} do not have to.
 */
final class DeclineCodes {

	/**
	 * Declines the same payment method may overcome later, without the customer changing
	 * anything.
	 */
	private static final Set<String> RETRYABLE = Set.of("insufficient_funds", "processing_error", "try_again_later");

	private DeclineCodes() {
	}

	static boolean isRetryable(String declineCode) {
		return RETRYABLE.contains(declineCode);
	}

}
