package io.orderflow.provider.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TestPaymentMethodsTest {

	@Test
	void approvedTokensHaveNoDeclineCode() {
		assertThat(TestPaymentMethods.declineCodeFor("pm_card_visa")).isEmpty();
		assertThat(TestPaymentMethods.declineCodeFor("pm_card_mastercard")).isEmpty();
	}

	@Test
	void declinedTokensHaveTheirCodeAndUnknownTokensAreInvalid() {
		assertThat(TestPaymentMethods.declineCodeFor("pm_card_chargeDeclined")).hasValue("card_declined");
		assertThat(TestPaymentMethods.declineCodeFor("pm_card_chargeDeclinedInsufficientFunds"))
			.hasValue("insufficient_funds");
		assertThat(TestPaymentMethods.declineCodeFor("pm_card_VISA")).hasValue("invalid_payment_method");
	}

}
