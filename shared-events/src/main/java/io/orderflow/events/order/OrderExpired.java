package io.orderflow.events.order;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The saga passed its deadline without an outcome. A payment that is taken after this is
 * refunded by payment-service. An outcome the customer is told about.
 */
public record OrderExpired(UUID eventId, Instant occurredAt, UUID orderId, String customerEmail, String currency,
		BigDecimal total) implements OrderEvent {
}
