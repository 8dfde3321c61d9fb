package io.orderflow.events.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * The order ended (cancelled or expired) and the provider holds no charge for it: nothing
 * was taken and nothing ever will be, because payment-service now refuses to charge it.
 * Published once payment-service knows it, either because it never asked the provider for
 * money or because the provider said so when asked by the order's reference. Completes a
 * cancellation that had nothing to refund.
 */
public record PaymentVoided(UUID eventId, Instant occurredAt, UUID orderId) implements PaymentEvent {
}
