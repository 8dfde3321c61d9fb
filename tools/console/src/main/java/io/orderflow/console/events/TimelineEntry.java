package io.orderflow.console.events;

import java.time.Instant;

/**
 * One step of an order's saga: an event a service published, or an effect the console
 * found at an endpoint (the email notification-service sent).
 *
 * @param service who did it
 * @param what the event's name, e.g. {@code PaymentAuthorized}
 * @param detail a short fact from the payload (a decline reason, a charge id), or
 * {@code null}
 */
public record TimelineEntry(Instant at, String service, String what, String detail) {
}
