package io.orderflow.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** Payment was declined; the order is rejected. An outcome the customer is told about. */
public record OrderRejected(UUID eventId, Instant occurredAt, UUID orderId, String customerEmail, String currency,
		BigDecimal total, String reason) implements OrderEvent {
}
