package io.orderflow.order.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/** A validated request to place an order. */
public record PlaceOrder(String customerId, String customerEmail, String currency, String paymentMethod,
		List<OrderLine> lines) {

	/**
	 * A canonical text of the request, so that the same order sent twice under one
	 * {@code Idempotency-Key} is recognised even if the JSON differs in spacing, field
	 * order or trailing zeros.
	 */
	public String fingerprint() {
		return String.join("|", customerId, customerEmail, currency, paymentMethod,
				lines.stream()
					.map(line -> line.sku() + "x" + line.quantity() + "@" + normalized(line.unitPrice()))
					.collect(Collectors.joining(",")));
	}

	private static String normalized(BigDecimal amount) {
		return amount.stripTrailingZeros().toPlainString();
	}

}
