package io.orderflow.events.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A charge for the order was given back (after a cancellation or an expiry). */
public record PaymentRefunded(UUID eventId, Instant occurredAt, UUID orderId, String refundId, BigDecimal amount,
		String currency) implements PaymentEvent {
}
