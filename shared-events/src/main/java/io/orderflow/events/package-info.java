/**
 * The message contracts of orderflow, and nothing else: records and enums, one package
 * per producer, owned by that producer. No Spring, no persistence, no business logic
 * (checked by {@code SharedEventsArchitectureTest}).
 */
@NullMarked
package io.orderflow.events;

import org.jspecify.annotations.NullMarked;
