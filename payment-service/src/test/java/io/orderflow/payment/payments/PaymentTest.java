package io.orderflow.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/**
 * The payment value: an intent decided by the provider's answer, what each outcome
 * records, that only money that may have been taken can be given back, and the
 * idempotency keys each attempt uses.
 */
class PaymentTest {

	private static final UUID ORDER = UUID.randomUUID();

	private static final BigDecimal AMOUNT = new BigDecimal("25.00");

	private static final Instant ASKED_AT = Instant.parse("2025-01-01T09:59:59Z");

	private static final Instant CHARGED_AT = Instant.parse("2025-01-01T10:00:00Z");

	private static final Instant REFUNDED_AT = Instant.parse("2025-01-01T11:00:00Z");

	private final Payment intent = Payment.intent(ORDER, "c-1", AMOUNT, "EUR", ASKED_AT);

	@Test
	void anIntentIsPendingWithTheAmountAndTheFirstKeys() {
		assertThat(intent.status()).isEqualTo(PaymentStatus.PENDING);
		assertThat(intent.isPending()).isTrue();
		assertThat(intent.amount()).isEqualByComparingTo(AMOUNT);
		assertThat(intent.chargeId()).isNull();
		assertThat(intent.chargeKey()).isEqualTo("order-" + ORDER + "-charge");
		assertThat(intent.refundKey()).isEqualTo("order-" + ORDER + "-refund");
		assertThat(intent.isRefundable()).as("not known to be charged").isFalse();
	}

	@Test
	void anAuthorizedPaymentRecordsTheChargeAndIsRefundable() {
		Payment payment = intent.authorized("ch_1", CHARGED_AT);

		assertThat(payment.orderId()).isEqualTo(ORDER);
		assertThat(payment.status()).isEqualTo(PaymentStatus.AUTHORIZED);
		assertThat(payment.amount()).isEqualByComparingTo(AMOUNT);
		assertThat(payment.currency()).isEqualTo("EUR");
		assertThat(payment.chargeId()).isEqualTo("ch_1");
		assertThat(payment.declineReason()).isNull();
		assertThat(payment.refundId()).isNull();
		assertThat(payment.createdAt()).isEqualTo(ASKED_AT);
		assertThat(payment.updatedAt()).isEqualTo(CHARGED_AT);
		assertThat(payment.isRefundable()).isTrue();
	}

	@Test
	void aDeclinedPaymentRecordsTheReasonAndHasNothingToRefund() {
		Payment payment = intent.declined("card_declined", CHARGED_AT);

		assertThat(payment.status()).isEqualTo(PaymentStatus.DECLINED);
		assertThat(payment.declineReason()).isEqualTo("card_declined");
		assertThat(payment.chargeId()).isNull();
		assertThat(payment.isRefundable()).isFalse();
	}

	@Test
	void onlyAPendingIntentIsDecidedOrVoided() {
		Payment authorized = intent.authorized("ch_1", CHARGED_AT);

		assertThatIllegalStateException().isThrownBy(() -> authorized.declined("card_declined", REFUNDED_AT))
			.withMessageContaining("AUTHORIZED");
		assertThatIllegalStateException().isThrownBy(() -> authorized.voided(REFUNDED_AT))
			.withMessageContaining(ORDER.toString());
		assertThat(intent.voided(REFUNDED_AT).status()).isEqualTo(PaymentStatus.VOIDED);
	}

	@Test
	void aRefundOfAnAuthorizedPaymentKeepsTheChargeAndAnswersANewValue() {
		Payment authorized = intent.authorized("ch_1", CHARGED_AT);

		Payment refunded = authorized.refunded("ch_1", "re_1", REFUNDED_AT);

		assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
		assertThat(refunded.refundId()).isEqualTo("re_1");
		assertThat(refunded.chargeId()).isEqualTo("ch_1");
		assertThat(refunded.amount()).isEqualByComparingTo(AMOUNT);
		assertThat(refunded.updatedAt()).isEqualTo(REFUNDED_AT);
		assertThat(refunded.isRefundable()).isFalse();
		assertThat(authorized.status()).as("the original value is unchanged").isEqualTo(PaymentStatus.AUTHORIZED);
	}

	@Test
	void aPendingIntentWhoseChargeTheProviderFoundIsRefundedWithThatCharge() {
		Payment refunded = intent.refunded("ch_found", "re_1", REFUNDED_AT);

		assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
		assertThat(refunded.chargeId()).isEqualTo("ch_found");
	}

	@Test
	void aDeclinedOrRefundedPaymentIsNotRefunded() {
		Payment declined = intent.declined("card_declined", CHARGED_AT);
		Payment refunded = intent.authorized("ch_1", CHARGED_AT).refunded("ch_1", "re_1", REFUNDED_AT);

		assertThatIllegalStateException().isThrownBy(() -> declined.refunded("ch_1", "re_1", REFUNDED_AT))
			.withMessageContaining("DECLINED");
		assertThatIllegalStateException().isThrownBy(() -> refunded.refunded("ch_1", "re_2", REFUNDED_AT))
			.withMessageContaining("REFUNDED");
	}

	@Test
	void aSpentKeyIsFollowedByTheNextOneAndTheFirstKeysStayTheOnesUsedBeforeAttemptsExisted() {
		Payment second = intent.withNextChargeAttempt(CHARGED_AT);
		Payment secondRefund = second.withNextRefundAttempt(REFUNDED_AT);

		assertThat(second.chargeKey()).isEqualTo("order-" + ORDER + "-charge-2");
		assertThat(second.refundKey()).isEqualTo(intent.refundKey());
		assertThat(secondRefund.refundKey()).isEqualTo("order-" + ORDER + "-refund-2");
		assertThat(secondRefund.chargeKey()).isEqualTo(second.chargeKey());
	}

	@Test
	void keysDifferBetweenOrdersAndFitTheProvidersLimit() {
		Payment other = Payment.intent(UUID.randomUUID(), "c-1", AMOUNT, "EUR", ASKED_AT);

		assertThat(intent.chargeKey()).isNotEqualTo(other.chargeKey()).isNotEqualTo(intent.refundKey());
		assertThat(intent.withNextChargeAttempt(CHARGED_AT).withNextChargeAttempt(CHARGED_AT).chargeKey())
			.hasSizeLessThanOrEqualTo(255);
	}

	@Test
	void aPaymentBelongsToTheCustomerWhoPlacedTheOrderAndKeepsThemThroughEveryChange() {
		Payment refunded = intent.authorized("ch_1", CHARGED_AT).refunded("ch_1", "re_1", REFUNDED_AT);

		assertThat(intent.belongsTo("c-1")).isTrue();
		assertThat(refunded.belongsTo("c-1")).isTrue();
		assertThat(intent.withNextChargeAttempt(CHARGED_AT).belongsTo("c-1")).isTrue();
		assertThat(intent.belongsTo("c-2")).isFalse();
		assertThat(intent.belongsTo(null)).isFalse();
	}

	@Test
	void aPaymentVoidedBeforeItsOrderWasSeenIsNoCustomers() {
		Payment voided = Payment.voidedBeforeAnyIntent(ORDER, ASKED_AT);

		assertThat(voided.belongsTo("c-1")).isFalse();
		assertThat(voided.belongsTo(null)).isFalse();
	}

}
