package io.orderflow.order.orders;

import java.time.Instant;

/** One step of an order's history; {@code reason} explains it where there is more to say. */
public record StatusChange(OrderStatus status, Instant at, String reason) {
}
