package io.orderflow.notification.notifications;

/**
 * Where the consumer read an order event in its topic. Nothing here acts on it: an email
 * deferred because of the event keeps it, so that the event can be dead-lettered as it
 * was read if the email turns out undeliverable.
 */
public record EventPosition(int partition, long offset) {
}
