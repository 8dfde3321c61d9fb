package io.orderflow.messaging.consumer;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Unit: a dead-lettering that fails is not swallowed, is counted, and is followed by a
 * growing, bounded pause.
 */
class BackingOffRecovererTest {

	private final List<String> failures = new CopyOnWriteArrayList<>();

	@Test
	void thePauseGrowsFromTheInitialOneAndIsCapped() {
		BackingOffRecoverer recoverer = recoverer((record, consumer, ex) -> {
		}, Duration.ofMillis(200), Duration.ofSeconds(2));

		assertThat(List.of(1, 2, 3, 4, 5, 6, 50).stream().map(recoverer::pause).map(Duration::toMillis))
			.containsExactly(200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L);
	}

	@Test
	void aFailedDeadLetteringFailsTheRecoveryIsCountedAndPausesTheConsumer() {
		AtomicInteger calls = new AtomicInteger();
		BackingOffRecoverer recoverer = recoverer((record, consumer, ex) -> {
			if (calls.incrementAndGet() <= 2) {
				throw new KafkaException("the dead-letter topic refused the record");
			}
		}, Duration.ofMillis(100), Duration.ofSeconds(1));
		ConsumerRecord<String, String> record = new ConsumerRecord<>("orderflow.payment.events", 1, 42L, "k", "v");

		long first = timed(() -> assertThatThrownBy(() -> recoverer.accept(record, new IllegalStateException("poison")))
			.isInstanceOf(KafkaException.class)
			.hasMessageContaining("refused"));
		long second = timed(
				() -> assertThatThrownBy(() -> recoverer.accept(record, new IllegalStateException("poison")))
					.isInstanceOf(KafkaException.class));
		recoverer.accept(record, new IllegalStateException("poison"));

		assertThat(failures).containsExactly("orderflow.payment.events.dlt", "orderflow.payment.events.dlt");
		assertThat(first).isGreaterThanOrEqualTo(100);
		assertThat(second).isGreaterThanOrEqualTo(200);
		assertThat(calls).hasValue(3);
	}

	@Test
	void anotherRecordOfThePartitionStartsFromTheInitialPause() {
		BackingOffRecoverer recoverer = recoverer((record, consumer, ex) -> {
			throw new KafkaException("refused");
		}, Duration.ofMillis(50), Duration.ofSeconds(10));
		for (int i = 0; i < 4; i++) {
			assertThatThrownBy(
					() -> recoverer.accept(new ConsumerRecord<>("t", 0, 1L, "k", "v"), new IllegalStateException()))
				.isInstanceOf(KafkaException.class);
		}

		long pause = timed(() -> assertThatThrownBy(
				() -> recoverer.accept(new ConsumerRecord<>("t", 0, 2L, "k", "v"), new IllegalStateException()))
			.isInstanceOf(KafkaException.class));

		assertThat(pause).isLessThan(400);
	}

	@Test
	void stoppingTheApplicationEndsAPauseAtOnce() {
		BackingOffRecoverer recoverer = recoverer((record, consumer, ex) -> {
			throw new KafkaException("refused");
		}, Duration.ofMinutes(5), Duration.ofMinutes(5));
		recoverer.start();
		CompletableFuture<Void> pausing = CompletableFuture.runAsync(() -> assertThatThrownBy(
				() -> recoverer.accept(new ConsumerRecord<>("t", 0, 1L, "k", "v"), new IllegalStateException()))
			.isInstanceOf(KafkaException.class));
		await().atMost(Duration.ofSeconds(5)).until(() -> failures.size() == 1);

		recoverer.stop();

		await().atMost(Duration.ofSeconds(2)).until(pausing::isDone);
		assertThat(pausing).isCompleted();
		assertThat(recoverer.isRunning()).isFalse();
	}

	private BackingOffRecoverer recoverer(ConsumerAwareRecordRecoverer deadLetters, Duration initial, Duration max) {
		return new BackingOffRecoverer(deadLetters, record -> record.topic() + ".dlt", failures::add, initial, max);
	}

	private static long timed(Runnable action) {
		long start = System.nanoTime();
		action.run();
		return (System.nanoTime() - start) / 1_000_000;
	}

}
