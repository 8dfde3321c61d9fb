package io.orderflow.messaging.metrics;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Unit: a reading never keeps its caller waiting longer than its bound, however long the
 * source takes.
 */
class BackgroundReadingTest {

	private static final Duration MAX_WAIT = Duration.ofMillis(300);

	@Test
	void aSourceThatAnswersQuicklyShowsItsValueAtOnce() {
		var reading = new BackgroundReading<>("quick", () -> 42, Duration.ofHours(1), MAX_WAIT);

		assertThat(reading.current()).isNotNull().extracting(BackgroundReading.Value::value).isEqualTo(42);
	}

	@Test
	void aSourceThatDoesNotAnswerIsAwaitedOnceForTheBoundThenNotAtAllUntilItAnswers() throws InterruptedException {
		CountDownLatch answer = new CountDownLatch(1);
		AtomicInteger reads = new AtomicInteger();
		var reading = new BackgroundReading<>("stuck", () -> {
			reads.incrementAndGet();
			waitFor(answer);
			return 7;
		}, Duration.ZERO, MAX_WAIT);

		long first = timed(reading::current);
		long second = timed(reading::current);

		assertThat(first).isBetween(MAX_WAIT.toMillis() - 50, MAX_WAIT.toMillis() + 1_000);
		assertThat(second).as("a read still in flight is not awaited again").isLessThan(MAX_WAIT.toMillis() - 50);
		assertThat(reading.current()).isNull();
		assertThat(reads).as("never two reads at a time").hasValue(1);

		answer.countDown();
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(reading.current()).isNotNull()
				.extracting(BackgroundReading.Value::value)
				.isEqualTo(7));
	}

	@Test
	void readsWithinTheRefreshIntervalShareOneReadUnlessInvalidated() {
		AtomicInteger reads = new AtomicInteger();
		var reading = new BackgroundReading<>("counted", reads::incrementAndGet, Duration.ofHours(1), MAX_WAIT);

		for (int i = 0; i < 10; i++) {
			reading.current();
		}
		assertThat(reads).hasValue(1);

		reading.invalidate();

		assertThat(reading.current()).extracting(BackgroundReading.Value::value).isEqualTo(2);
	}

	@Test
	void aFailedReadKeepsTheLastValue() {
		AtomicInteger reads = new AtomicInteger();
		var reading = new BackgroundReading<>("flaky", () -> {
			if (reads.incrementAndGet() > 1) {
				throw new IllegalStateException("source down");
			}
			return "first";
		}, Duration.ZERO, MAX_WAIT);
		assertThat(reading.current()).extracting(BackgroundReading.Value::value).isEqualTo("first");

		assertThat(reading.current()).extracting(BackgroundReading.Value::value).isEqualTo("first");
		assertThat(reads.get()).isGreaterThan(1);
	}

	private static long timed(Runnable action) {
		long start = System.nanoTime();
		action.run();
		return (System.nanoTime() - start) / 1_000_000;
	}

	private static void waitFor(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
