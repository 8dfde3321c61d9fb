package io.orderflow.events.payment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The provider charged the customer for the order. */
public record PaymentAuthorized(UUID eventId, Instant occurredAt, UUID orderId, String chargeId, BigDecimal amount,
		String currency) implements PaymentEvent {
}
