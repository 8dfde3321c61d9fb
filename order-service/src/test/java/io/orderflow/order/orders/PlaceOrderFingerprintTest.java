package io.orderflow.order.orders;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unit tests of {@link PlaceOrder#fingerprint()}, which tells an idempotent retry from a
 * different request.
 */
class PlaceOrderFingerprintTest {

	private static final PlaceOrder BRIEF_ORDER = new PlaceOrder("c-42", "ada@example.com", "EUR", "pm_card_visa",
			List.of(line("BOOK-1", 2, "12.50")));

	@Test
	void sameRequestHasTheSameFingerprint() {
		PlaceOrder copy = new PlaceOrder("c-42", "ada@example.com", "EUR", "pm_card_visa",
				List.of(line("BOOK-1", 2, "12.50")));

		assertThat(copy.fingerprint()).isEqualTo(BRIEF_ORDER.fingerprint());
	}

	@Test
	void trailingZerosOfAPriceDoNotChangeTheFingerprint() {
		assertThat(withPrice("12.5").fingerprint()).isEqualTo(withPrice("12.50").fingerprint())
			.isEqualTo(withPrice("12.500").fingerprint())
			.isEqualTo(withPrice("1.25E+1").fingerprint());
		assertThat(withPrice("10").fingerprint()).isEqualTo(withPrice("10.00").fingerprint())
			.isEqualTo(withPrice("1E+1").fingerprint());
	}

	@Test
	void differentPriceHasADifferentFingerprint() {
		assertThat(withPrice("12.51").fingerprint()).isNotEqualTo(withPrice("12.50").fingerprint());
		assertThat(withPrice("1.25").fingerprint()).isNotEqualTo(withPrice("12.5").fingerprint());
		assertThat(withPrice("125").fingerprint()).isNotEqualTo(withPrice("12.5").fingerprint());
	}

	static Stream<Arguments> differentBodies() {
		return Stream.of(
				change("customerId",
						o -> new PlaceOrder("c-43", o.customerEmail(), o.currency(), o.paymentMethod(), o.lines())),
				change("customerEmail",
						o -> new PlaceOrder(o.customerId(), "bob@example.com", o.currency(), o.paymentMethod(),
								o.lines())),
				change("currency",
						o -> new PlaceOrder(o.customerId(), o.customerEmail(), "USD", o.paymentMethod(), o.lines())),
				change("paymentMethod",
						o -> new PlaceOrder(o.customerId(), o.customerEmail(), o.currency(), "pm_card_mastercard",
								o.lines())),
				change("sku", o -> withLines(o, line("BOOK-2", 2, "12.50"))),
				change("quantity", o -> withLines(o, line("BOOK-1", 3, "12.50"))),
				change("same total split otherwise", o -> withLines(o, line("BOOK-1", 1, "25.00"))),
				change("an extra line", o -> withLines(o, line("BOOK-1", 2, "12.50"), line("BOOK-2", 1, "1.00"))),
				change("a line split in two",
						o -> withLines(o, line("BOOK-1", 1, "12.50"), line("BOOK-1", 1, "12.50"))),
				change("sku that looks like sku and quantity", o -> withLines(o, line("BOOK-1x2", 2, "12.50"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("differentBodies")
	void differentRequestHasADifferentFingerprint(String changed, UnaryOperator<PlaceOrder> change) {
		assertThat(change.apply(BRIEF_ORDER).fingerprint()).isNotEqualTo(BRIEF_ORDER.fingerprint());
	}

	@Test
	void lineOrderIsPartOfTheFingerprint() {
		PlaceOrder ab = withLines(BRIEF_ORDER, line("A", 1, "2.00"), line("B", 1, "1.00"));
		PlaceOrder ba = withLines(BRIEF_ORDER, line("B", 1, "1.00"), line("A", 1, "2.00"));

		assertThat(ab.fingerprint()).isNotEqualTo(ba.fingerprint());
	}

	private static Arguments change(String name, UnaryOperator<PlaceOrder> change) {
		return Arguments.of(name, change);
	}

	private static PlaceOrder withPrice(String price) {
		return withLines(BRIEF_ORDER, line("BOOK-1", 2, price));
	}

	private static PlaceOrder withLines(PlaceOrder order, OrderLine... lines) {
		return new PlaceOrder(order.customerId(), order.customerEmail(), order.currency(), order.paymentMethod(),
				List.of(lines));
	}

	private static OrderLine line(String sku, int quantity, String unitPrice) {
		return new OrderLine(sku, quantity, new BigDecimal(unitPrice));
	}

}
