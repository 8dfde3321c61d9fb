package io.orderflow.order.idempotency;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long order-service remembers an {@code Idempotency-Key}
 * ({@code orderflow.order.idempotency.*}).
 *
 * <p>
 * Why the horizon is safe: a key protects a client's retries of one request it never saw
 * answered (a timeout, a dropped connection, a crash before the answer was stored).
 * Clients retry within seconds or minutes, a checkout within its session; the horizon
 * only has to exceed the longest retry window of any client, and 7 days exceeds it by far
 * (Stripe, whose idempotency keys this API follows, keeps them 24 hours). A retry after
 * the horizon is a new request: it places a new order. The minimum of 24 hours keeps a
 * misconfiguration from shrinking the horizon into a retry window. The keys are only a
 * guard for clients; nothing else reads them, so forgetting one loses nothing: the order
 * it placed stays.
 *
 * @param retention how long a key is remembered after the request that claimed it
 * @param pruneInterval how often keys past the horizon are deleted
 * @param pruneBatchSize keys deleted per statement (and transaction), so pruning never
 * holds many locks for long
 */
@Validated
@ConfigurationProperties("orderflow.order.idempotency")
public record IdempotencyProperties(@NotNull @DurationMin(hours = 24) @DefaultValue("7d") Duration retention,
		@NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration pruneInterval,
		@Min(1) @Max(10_000) @DefaultValue("1000") int pruneBatchSize) {
}
