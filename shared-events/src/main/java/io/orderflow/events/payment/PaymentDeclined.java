package io.orderflow.events.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * The provider refused the charge; {@code reason} is the provider's decline code.
 * Superseded by {@link PaymentDeclinedV2}: still published beside it until every consumer
 * reads v2 (docs/event-evolution.md).
 */
public record PaymentDeclined(UUID eventId, Instant occurredAt, UUID orderId, String reason) implements PaymentEvent {
}
