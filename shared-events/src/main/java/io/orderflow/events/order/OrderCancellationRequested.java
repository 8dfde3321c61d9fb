package io.orderflow.events.order;

import java.time.Instant;
import java.util.UUID;

/**
 * The customer asked to cancel; a payment already taken must be refunded before the order
 * is cancelled.
 */
public record OrderCancellationRequested(UUID eventId, Instant occurredAt, UUID orderId) implements OrderEvent {
}
