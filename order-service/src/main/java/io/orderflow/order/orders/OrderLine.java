package io.orderflow.order.orders;

import java.math.BigDecimal;

/** A line of an order: what, how many, at which unit price. */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {

	public BigDecimal amount() {
		return unitPrice.multiply(BigDecimal.valueOf(quantity));
	}

}
