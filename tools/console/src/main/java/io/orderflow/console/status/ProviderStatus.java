package io.orderflow.console.status;

/**
 * The payment provider simulator's injected faults ({@code GET /v1/admin/faults}).
 *
 * @param latencyMs delay of every charge and refund, {@code null} when unreachable
 * @param errorRate share of charges and refunds answered 503, {@code null} when
 * unreachable
 */
public record ProviderStatus(boolean reachable, Long latencyMs, Double errorRate) {
}
