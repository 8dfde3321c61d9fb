package io.orderflow.messaging.outbox;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code outboxRelay} in {@code /actuator/health}
 * ({@code management.health.outbox-relay.enabled=false} leaves it out): {@code DOWN} when
 * the relay should run but its thread is gone, so that nothing this instance commits
 * leaves it (the relay also marks the application's liveness {@code BROKEN} then, so the
 * instance is restarted). Failing rounds are not {@code DOWN}: Kafka or the database
 * being unreachable is not cured by a restart; the details count them, and
 * {@code OutboxBacklogOld} alerts on the rows that wait.
 */
public class OutboxRelayHealthIndicator implements HealthIndicator {

	private final OutboxRelay relay;

	public OutboxRelayHealthIndicator(OutboxRelay relay) {
		this.relay = relay;
	}

	@Override
	public Health health() {
		OutboxRelay.Status status = relay.status();
		Health.Builder health = status.dead() ? Health.down() : status.running() ? Health.up() : Health.outOfService();
		if (status.lastRoundAt() != null) {
			health.withDetail("lastRoundAt", status.lastRoundAt().toString());
		}
		health.withDetail("failedRoundsInARow", status.failuresInARow());
		if (status.lastFailure() != null) {
			health.withDetail(status.dead() ? "death" : "lastFailure", status.lastFailure());
		}
		return health.build();
	}

}
