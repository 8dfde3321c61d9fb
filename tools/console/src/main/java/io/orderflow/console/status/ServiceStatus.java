package io.orderflow.console.status;

/**
 * One service as the console saw it at its last look.
 *
 * @param health {@code UP}, {@code DOWN} (it answered, not up) or {@code UNREACHABLE} (no
 * answer: stopped, or dead)
 * @param running whether its process runs, where the console controls it (local stack),
 * else {@code null}
 * @param lag records its consumer group has yet to read, from Kafka's own offsets (known
 * while the service is down, which is when it matters), else from the service's metric;
 * {@code null} when unknown
 * @param outboxBacklog events its outbox has not relayed yet, {@code null} when unknown
 * @param deadLetters its unresolved dead letters, {@code null} when unknown
 */
public record ServiceStatus(String name, String health, Boolean running, Long lag, Double outboxBacklog,
		Double deadLetters) {
}
