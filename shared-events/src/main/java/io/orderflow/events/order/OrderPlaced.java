package io.orderflow.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A customer placed an order; it awaits payment. Carries what payment-service needs to
 * charge.
 */
public record OrderPlaced(UUID eventId, Instant occurredAt, UUID orderId, String customerId, String customerEmail,
		String currency, BigDecimal total, String paymentMethod, List<OrderLine> lines) implements OrderEvent {
}
