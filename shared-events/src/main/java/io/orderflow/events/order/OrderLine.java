package io.orderflow.events.order;

import java.math.BigDecimal;

/** One line of an order as it travels in {@link OrderPlaced}. */
public record OrderLine(String sku, int quantity, BigDecimal unitPrice) {
}
