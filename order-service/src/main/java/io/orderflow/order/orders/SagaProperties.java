package io.orderflow.order.orders;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param deadline how long an order may wait for its outcome before it expires (and a
 * late payment is refunded)
 * @param expiryCheckInterval how often overdue orders are looked for
 */
@Validated
@ConfigurationProperties("orderflow.saga")
public record SagaProperties(@NotNull @DefaultValue("15m") Duration deadline,
		@NotNull @DefaultValue("1s") Duration expiryCheckInterval) {
}
