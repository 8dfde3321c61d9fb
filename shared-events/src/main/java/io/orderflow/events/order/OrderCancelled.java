package io.orderflow.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The order is cancelled. {@code refunded} tells whether a payment had been taken and was
 * given back. An outcome the customer is told about.
 */
public record OrderCancelled(UUID eventId, Instant occurredAt, UUID orderId, String customerEmail, String currency,
		BigDecimal total, boolean refunded) implements OrderEvent {
}
