package io.orderflow.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The payment value: what each outcome records, and that only money actually taken can be given back. */
class PaymentTest {

	private static final UUID ORDER = UUID.randomUUID();

	private static final BigDecimal AMOUNT = new BigDecimal("25.00");

	private static final Instant CHARGED_AT = Instant.parse("2025-01-01T10:00:00Z");

	private static final Instant REFUNDED_AT = Instant.parse("2025-01-01T11:00:00Z");

	@Test
	void authorizedPaymentRecordsTheChargeAndIsRefundable() {
		Payment payment = Payment.authorized(ORDER, AMOUNT, "EUR", "ch_1", CHARGED_AT);

		assertThat(payment.orderId()).isEqualTo(ORDER);
		assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
		assertThat(payment.amount()).isEqualByComparingTo(AMOUNT);
		assertThat(payment.currency()).isEqualTo("EUR");
		assertThat(payment.chargeId()).isEqualTo("ch_1");
		assertThat(payment.declineReason()).isNull();
		assertThat(payment.refundId()).isNull();
		assertThat(payment.createdAt()).isEqualTo(CHARGED_AT);
		assertThat(payment.updatedAt()).isEqualTo(CHARGED_AT);
		assertThat(payment.isRefundable()).isTrue();
	}

	@Test
	void declinedPaymentRecordsTheReasonAndHasNothingToRefund() {
		Payment payment = Payment.declined(ORDER, AMOUNT, "EUR", "card_declined", CHARGED_AT);

		assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
		assertThat(payment.declineReason()).isEqualTo("card_declined");
		assertThat(payment.chargeId()).isNull();
		assertThat(payment.isRefundable()).isFalse();
	}

	@Test
	void refundOfAnAuthorizedPaymentKeepsTheChargeAndAnswersANewValue() {
		Payment authorized = Payment.authorized(ORDER, AMOUNT, "EUR", "ch_1", CHARGED_AT);

		Payment refunded = authorized.refunded("re_1", REFUNDED_AT);

		assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
		assertThat(refunded.refundId()).isEqualTo("re_1");
		assertThat(refunded.chargeId()).isEqualTo("ch_1");
		assertThat(refunded.amount()).isEqualByComparingTo(AMOUNT);
		assertThat(refunded.createdAt()).isEqualTo(CHARGED_AT);
		assertThat(refunded.updatedAt()).isEqualTo(REFUNDED_AT);
		assertThat(refunded.isRefundable()).isFalse();
		assertThat(authorized.status()).as("the original value is unchanged").isEqualTo(PaymentStatus.AUTHORIZED);
	}

	@Test
	void refundOfADeclinedPaymentIsRefused() {
		Payment declined = Payment.declined(ORDER, AMOUNT, "EUR", "card_declined", CHARGED_AT);

		assertThatIllegalStateException().isThrownBy(() -> declined.refunded("re_1", REFUNDED_AT))
			.withMessageContaining(ORDER.toString())
			.withMessageContaining("DECLINED");
	}

	@Test
	void secondRefundOfAPaymentIsRefused() {
		Payment refunded = Payment.authorized(ORDER, AMOUNT, "EUR", "ch_1", CHARGED_AT).refunded("re_1", REFUNDED_AT);

		assertThatIllegalStateException().isThrownBy(() -> refunded.refunded("re_2", REFUNDED_AT))
			.withMessageContaining("REFUNDED");
	}

}
