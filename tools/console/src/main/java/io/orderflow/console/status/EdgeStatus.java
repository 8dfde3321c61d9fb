package io.orderflow.console.status;

/**
 * The circuit breaker of a synchronous edge.
 *
 * @param state as Resilience4j names it ({@code closed}, {@code open}, {@code half_open},
 * ...), or {@code unknown} while the calling service does not answer
 */
public record EdgeStatus(String name, String caller, String state) {
}
