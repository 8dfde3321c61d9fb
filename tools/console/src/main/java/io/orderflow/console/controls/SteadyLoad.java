package io.orderflow.console.controls;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Places orders at a steady rate with a chosen share of approved cards, until stopped, or
 * for at most {@link #MAX_DURATION} so a forgotten tab does not fill the databases. Each
 * order is its own request on a virtual thread: a slow order-service delays no other
 * order, and at most {@link #MAX_IN_FLIGHT} wait at once.
 */
final class SteadyLoad implements AutoCloseable {

	static final double MAX_RATE = 20.0;

	static final Duration MAX_DURATION = Duration.ofMinutes(10);

	static final int MAX_IN_FLIGHT = 50;

	private final OrderPlacer placer;

	private final ScheduledExecutorService ticker = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("console-load").factory());

	private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicLong accepted = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	private ScheduledFuture<?> running;

	private double rate;

	private double approvedShare;

	private long started;

	private Instant startedAt;

	private volatile String lastError;

	SteadyLoad(OrderPlacer placer) {
		this.placer = placer;
	}

	/** Starts (or changes) the load. */
	synchronized void start(double ratePerSecond, double approvedShare) {
		stop();
		this.rate = ratePerSecond;
		this.approvedShare = approvedShare;
		this.started = 0;
		this.startedAt = Instant.now();
		accepted.set(0);
		failed.set(0);
		skipped.set(0);
		lastError = null;
		long period = Math.round(1_000_000.0 / ratePerSecond);
		running = ticker.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.MICROSECONDS);
		ticker.schedule(this::stopIfExpired, MAX_DURATION.toMillis(), TimeUnit.MILLISECONDS);
	}

	synchronized void stop() {
		if (running != null) {
			running.cancel(false);
			running = null;
		}
	}

	synchronized LoadState state() {
		return new LoadState(running != null, rate, approvedShare, startedAt, accepted.get(), failed.get(),
				skipped.get(), lastError);
	}

	private synchronized void stopIfExpired() {
		if (running != null && Duration.between(startedAt, Instant.now()).compareTo(MAX_DURATION) >= 0) {
			stop();
		}
	}

	/**
	 * The mix is exact, not random: order n is approved while approved orders are below
	 * the share.
	 */
	private void tick() {
		boolean approved;
		synchronized (this) {
			long approvedSoFar = Math.round(started * approvedShare);
			started++;
			approved = Math.round(started * approvedShare) > approvedSoFar;
		}
		if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
			inFlight.decrementAndGet();
			skipped.incrementAndGet();
			return;
		}
		requests.execute(() -> {
			try {
				placer.place(approved);
				accepted.incrementAndGet();
			}
			catch (CommandException ex) {
				failed.incrementAndGet();
				lastError = ex.getMessage();
			}
			finally {
				inFlight.decrementAndGet();
			}
		});
	}

	@Override
	public void close() {
		stop();
		ticker.shutdownNow();
		requests.shutdownNow();
	}

}
