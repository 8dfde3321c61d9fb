package io.orderflow.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Payment was authorized; the order is confirmed. An outcome the customer is told about.
 */
public record OrderConfirmed(UUID eventId, Instant occurredAt, UUID orderId, String customerEmail, String currency,
		BigDecimal total) implements OrderEvent {
}
