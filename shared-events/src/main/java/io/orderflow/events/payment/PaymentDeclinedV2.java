package io.orderflow.events.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * The provider refused the charge — version 2 of {@link PaymentDeclined}, the worked
 * example of a breaking change in {@code docs/event-evolution.md}. {@code reason} became
 * {@code declineCode} (a rename breaks every reader of v1), and {@code retryable} tells
 * whether the customer may try the same payment method again later (for example after
 * insufficient funds), so that no consumer has to know the provider's codes.
 *
 * <p>
 * While consumers migrate, payment-service publishes both versions of each decline, v1
 * first.
 */
public record PaymentDeclinedV2(UUID eventId, Instant occurredAt, UUID orderId, String declineCode,
		boolean retryable) implements PaymentEvent {
}
