package io.orderflow.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The provider's idempotency keys: one per order and operation, the same on every retry and redelivery, so the
 * provider never moves an order's money twice.
 */
class PaymentServiceIdempotencyKeysTest {

	@Test
	void chargeKeyIsTheSameForEveryAttemptOnOneOrder() {
		UUID order = UUID.randomUUID();

		assertThat(PaymentService.chargeKey(order)).isEqualTo(PaymentService.chargeKey(UUID.fromString(order.toString())))
			.contains(order.toString());
	}

	@Test
	void refundKeyIsTheSameForEveryAttemptOnOneOrder() {
		UUID order = UUID.randomUUID();

		assertThat(PaymentService.refundKey(order)).isEqualTo(PaymentService.refundKey(UUID.fromString(order.toString())))
			.contains(order.toString());
	}

	@Test
	void keysDifferBetweenOrdersAndBetweenChargeAndRefund() {
		UUID one = UUID.randomUUID();
		UUID other = UUID.randomUUID();

		assertThat(PaymentService.chargeKey(one)).isNotEqualTo(PaymentService.chargeKey(other))
			.isNotEqualTo(PaymentService.refundKey(one));
		assertThat(PaymentService.refundKey(one)).isNotEqualTo(PaymentService.refundKey(other));
	}

	@Test
	void keysFitTheProvidersLimit() {
		UUID order = UUID.randomUUID();

		assertThat(PaymentService.chargeKey(order)).hasSizeLessThanOrEqualTo(255);
		assertThat(PaymentService.refundKey(order)).hasSizeLessThanOrEqualTo(255);
	}

}
