package io.orderflow.order.orders.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unit tests of {@link KnownCurrency.Validator}: ISO 4217 codes with two decimals only.
 */
class KnownCurrencyValidatorTest {

	private final KnownCurrency.Validator validator = new KnownCurrency.Validator();

	@ParameterizedTest
	@ValueSource(strings = { "EUR", "USD", "GBP", "CHF" })
	void isoCurrencyWithCentsIsAccepted(String code) {
		assertThat(validator.isValid(code, null)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "JPY", "KRW", "BHD", "XXX", "XAU", "ABC", "eur", "Eur", "EU", "EURO", "", " EUR", "EUR ",
			"E1R", "€" })
	void anythingElseIsRejected(String code) {
		assertThat(validator.isValid(code, null)).as(code).isFalse();
	}

	@Test
	void nullIsLeftToNotBlank() {
		assertThat(validator.isValid(null, null)).isTrue();
	}

}
