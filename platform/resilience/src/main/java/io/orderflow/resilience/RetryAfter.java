package io.orderflow.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * A transient failure in which the downstream said how long to wait before trying again
 * (HTTP {@code Retry-After} on a {@code 429} or {@code 503}). The edge's retry waits at
 * least that long, so a client that was asked to slow down does slow down, up to
 * {@link ResilientEdges#LONGEST_RETRY_AFTER}.
 */
public interface RetryAfter {

	/** How long the downstream asked the caller to wait, when it said. */
	Optional<Duration> retryAfter();

}
