package io.orderflow.messaging.outbox;

import io.orderflow.events.EventCatalog;

/**
 * What a service publishes, declared once as a bean: one event family, on its own topic.
 */
public record PublishedEvents(EventCatalog<?> catalog) {
}
