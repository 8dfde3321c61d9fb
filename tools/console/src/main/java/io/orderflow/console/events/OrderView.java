package io.orderflow.console.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An order as the console has seen it on the topics, at one moment.
 *
 * @param placedAt when {@code OrderPlaced} occurred, {@code null} when the console
 * started reading after it
 * @param outcomeAt when the first outcome (confirmed, rejected, cancelled, expired)
 * occurred
 * @param latencyMillis placed to outcome, from the events' own times
 * @param duplicates events delivered more than once (same event id): at-least-once
 * delivery, absorbed by inboxes
 * @param audit what the provider's ledger and notification-service said after the
 * outcome, {@code null} until then
 * @param placedHere whether the console placed it
 */
public record OrderView(String id, OrderState state, Instant placedAt, Instant outcomeAt, Long latencyMillis,
		String customerId, BigDecimal total, String currency, String paymentMethod, int duplicates,
		List<TimelineEntry> timeline, Audit audit, boolean placedHere) {
}
