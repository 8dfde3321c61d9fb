package io.orderflow.messaging.consumer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;

/**
 * Dead-letters a record through another recoverer, and when that fails (the dead-letter
 * topic refuses the record, is missing, or Kafka does not answer) neither skips the
 * record nor tries again at once: it logs an ERROR, counts the failure, pauses the
 * consumer for a growing time (from {@code initialPause}, doubling, at most
 * {@code maxPause}) and fails, so that the error handler seeks back to the record and the
 * next delivery tries to dead-letter it again. The record and every record after it on
 * its partition wait in Kafka, in order, until the dead-letter topic takes it: nothing is
 * lost, nothing overtakes it, and the consumer does not spin.
 *
 * <p>
 * The pause happens on the consumer's thread, between two polls, well under
 * {@code max.poll.interval.ms} with the defaults. Stopping the application ends a pause
 * at once: this bean stops before the listener containers.
 */
public class BackingOffRecoverer implements ConsumerAwareRecordRecoverer, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(BackingOffRecoverer.class);

	private final ConsumerAwareRecordRecoverer deadLetters;

	private final Function<ConsumerRecord<?, ?>, String> deadLetterTopic;

	private final DeadLetteringFailureListener onFailure;

	private final Duration initialPause;

	private final Duration maxPause;

	/**
	 * The record of each partition whose dead-lettering failed, and how often: one at
	 * most, the partition waits.
	 */
	private final Map<String, Failing> failing = new ConcurrentHashMap<>();

	private final Object pauses = new Object();

	private volatile boolean running;

	/** Set while the application stops: no pause then. */
	private volatile boolean stopping;

	/**
	 * @param deadLetterTopic where the record goes, for the log and the failure count
	 * @param onFailure told of every failure (a metric)
	 */
	public BackingOffRecoverer(ConsumerAwareRecordRecoverer deadLetters,
			Function<ConsumerRecord<?, ?>, String> deadLetterTopic, DeadLetteringFailureListener onFailure,
			Duration initialPause, Duration maxPause) {
		this.deadLetters = deadLetters;
		this.deadLetterTopic = deadLetterTopic;
		this.onFailure = onFailure;
		this.initialPause = initialPause;
		this.maxPause = maxPause;
	}

	@Override
	public void accept(ConsumerRecord<?, ?> record, @Nullable Consumer<?, ?> consumer, @Nullable Exception exception) {
		String partition = record.topic() + "-" + record.partition();
		try {
			deadLetters.accept(record, consumer, exception);
		}
		catch (RuntimeException failure) {
			Failing attempt = failing.merge(partition, new Failing(record.offset(), 1),
					(previous, first) -> previous.offset() == record.offset() ? previous.next() : first);
			String topic = deadLetterTopic.apply(record);
			onFailure.failed(topic);
			Duration pause = pause(attempt.failures());
			log.error(
					"Could not dead-letter {}/{} to {} ({} failure(s) in a row): {}. The record and the ones after it "
							+ "wait on their partition; the next attempt is in {} ms",
					partition, record.offset(), topic, attempt.failures(), failure.toString(), pause.toMillis());
			sleep(pause);
			throw failure;
		}
		Failing healed = failing.remove(partition);
		if (healed != null && healed.offset() == record.offset()) {
			log.info("Dead-lettered {}/{} after {} failed attempt(s)", partition, record.offset(), healed.failures());
		}
	}

	/**
	 * The pause after the n-th failure in a row: {@code initialPause}, doubling, at most
	 * {@code maxPause}.
	 */
	Duration pause(int failures) {
		long millis = initialPause.toMillis();
		for (int i = 1; i < failures && millis < maxPause.toMillis(); i++) {
			millis *= 2;
		}
		return Duration.ofMillis(Math.min(millis, maxPause.toMillis()));
	}

	private void sleep(Duration pause) {
		long deadline = System.nanoTime() + pause.toNanos();
		synchronized (pauses) {
			long left;
			while (!stopping && (left = deadline - System.nanoTime()) > 0) {
				try {
					pauses.wait(Math.max(1, left / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	@Override
	public void start() {
		stopping = false;
		running = true;
	}

	/**
	 * Ends every pause, so the listener containers, which stop after this, do not wait
	 * for one.
	 */
	@Override
	public void stop() {
		synchronized (pauses) {
			stopping = true;
			running = false;
			pauses.notifyAll();
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Stops before the listener containers
	 * ({@code AbstractMessageListenerContainer.DEFAULT_PHASE}).
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	private record Failing(long offset, int failures) {

		Failing next() {
			return new Failing(offset, failures + 1);
		}

	}

}
