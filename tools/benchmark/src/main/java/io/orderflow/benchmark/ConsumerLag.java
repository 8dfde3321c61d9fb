package io.orderflow.benchmark;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.orderflow.probes.kafka.ConsumerGroupLag;
import io.orderflow.probes.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;

/** The consumer lag (end offset − committed offset) of the services' consumer groups. */
final class ConsumerLag implements AutoCloseable {

	static final List<String> GROUPS = List.of("order-service", "payment-service", "notification-service");

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final Admin admin;

	private final ConsumerGroupLag lag;

	ConsumerLag(KafkaConnection kafka) {
		admin = ConsumerGroupLag.admin(kafka, "orderflow-benchmark-admin", TIMEOUT);
		lag = new ConsumerGroupLag(admin, TIMEOUT);
	}

	/**
	 * Records not yet consumed, per group; 0 for a group that has committed nothing, -1
	 * when the broker did not answer.
	 */
	Map<String, Long> byGroup() {
		Map<String, Long> lags = new LinkedHashMap<>();
		for (String group : GROUPS) {
			try {
				lags.put(group, lag.byGroup(List.of(group)).getOrDefault(group, 0L));
			}
			catch (ConsumerGroupLag.BrokerUnavailableException ex) {
				lags.put(group, -1L);
			}
		}
		return lags;
	}

	/**
	 * Waits until every group has caught up, at most {@code bound}: the lag by group
	 * then.
	 */
	Map<String, Long> awaitCaughtUp(Duration bound) throws InterruptedException {
		long deadline = System.nanoTime() + bound.toNanos();
		Map<String, Long> lags = byGroup();
		while (total(lags) != 0 && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(500);
			lags = byGroup();
		}
		return lags;
	}

	static long total(Map<String, Long> byGroup) {
		return byGroup.values().stream().anyMatch(lag -> lag < 0) ? -1
				: byGroup.values().stream().mapToLong(Long::longValue).sum();
	}

	@Override
	public void close() {
		admin.close();
	}

}
