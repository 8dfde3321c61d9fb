package io.orderflow.messaging.metrics;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value gauges show, read from a source that can be slow or unreachable (the database,
 * the Kafka broker), so that no scrape ever waits on that source for long: a scrape of
 * {@code /actuator/prometheus} with the broker or the database down answers at once, with
 * the last value read.
 *
 * <p>
 * The source is read on a thread of its own, at most once per refresh interval however
 * often the value is asked for, and never twice at the same time. The read a caller
 * starts is awaited for at most {@code maxWait}, so a source that answers quickly shows
 * its fresh value at once; one that does not answer in time is not awaited again:
 * meanwhile every caller gets the last value read ({@code null} before the first), and a
 * failed read keeps it.
 *
 * @param <T> the value read
 */
public final class BackgroundReading<T> {

	/**
	 * How long a caller waits for the read it started: a scrape's budget for one slow
	 * source.
	 */
	public static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(100);

	private static final Logger log = LoggerFactory.getLogger(BackgroundReading.class);

	private final String name;

	private final Supplier<T> source;

	private final long refreshNanos;

	private final long maxWaitNanos;

	private volatile @Nullable Value<T> last;

	private @Nullable CompletableFuture<Value<T>> inFlight;

	private long startedAt;

	private boolean started;

	private boolean stale;

	/**
	 * @param name what is read, in log lines and the reading thread's name
	 * @param refresh the least time between two reads
	 */
	public BackgroundReading(String name, Supplier<T> source, Duration refresh, Duration maxWait) {
		this.name = name;
		this.source = source;
		this.refreshNanos = refresh.toNanos();
		this.maxWaitNanos = maxWait.toNanos();
	}

	public BackgroundReading(String name, Supplier<T> source, Duration refresh) {
		this(name, source, refresh, DEFAULT_MAX_WAIT);
	}

	/**
	 * The last value read; {@code null} before the first read succeeded. Starts a read
	 * when one is due.
	 */
	public @Nullable Value<T> current() {
		CompletableFuture<Value<T>> started = startIfDue();
		if (started != null) {
			try {
				started.get(maxWaitNanos, TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException | ExecutionException ex) {
				// the read goes on, or failed and was logged: the last value stands
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return last;
	}

	/**
	 * The next call of {@link #current()} reads again, even within the refresh interval.
	 */
	public synchronized void invalidate() {
		stale = true;
	}

	/**
	 * Starts a read when none is running and the last one is older than the refresh
	 * interval (or invalidated).
	 */
	private synchronized @Nullable CompletableFuture<Value<T>> startIfDue() {
		long now = System.nanoTime();
		if (inFlight != null || (started && !stale && now - startedAt < refreshNanos)) {
			return null;
		}
		started = true;
		stale = false;
		startedAt = now;
		CompletableFuture<Value<T>> read = new CompletableFuture<>();
		inFlight = read;
		Thread.ofPlatform().name("orderflow-reading-" + name).daemon().start(() -> read(read));
		return read;
	}

	/**
	 * Ends the read before telling its caller, so that a call right after it may start
	 * the next one.
	 */
	private void read(CompletableFuture<Value<T>> read) {
		Value<T> value = null;
		RuntimeException failure = null;
		try {
			value = new Value<>(source.get(), System.nanoTime());
		}
		catch (RuntimeException ex) {
			log.debug("Could not read {}, keeping the last value: {}", name, ex.toString());
			failure = ex;
		}
		finally {
			synchronized (this) {
				inFlight = null;
				if (value != null) {
					last = value;
				}
			}
		}
		if (failure != null) {
			read.completeExceptionally(failure);
		}
		else {
			read.complete(value);
		}
	}

	/**
	 * @param value what was read
	 * @param readAt when, by {@link System#nanoTime()}
	 */
	public record Value<T>(T value, long readAt) {

		/** Seconds since it was read. */
		public double ageSeconds() {
			return (System.nanoTime() - readAt) / 1e9;
		}

	}

}
