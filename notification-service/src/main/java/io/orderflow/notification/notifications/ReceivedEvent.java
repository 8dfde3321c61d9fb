package io.orderflow.notification.notifications;

import io.orderflow.events.order.OrderEvent;

/**
 * An order event as the listener received it, with where it was read: an email deferred because of it keeps that
 * much, to dead-letter the event like any other when the email cannot be delivered.
 * @param key the record's key, which must be the order id
 */
public record ReceivedEvent(String key, OrderEvent event, int partition, long offset) {
}
