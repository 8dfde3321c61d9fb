package io.orderflow.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.orderflow.probes.identity.ClientCredentials;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Places orders at a constant arrival rate, whatever the system answers (open model).
 * Each order has an intended start time on a fixed schedule; its latency is measured from
 * that intended start, so a generator or a system that falls behind shows up as latency
 * instead of silently lowering the load (no coordinated omission).
 *
 * <p>
 * Requests run on virtual threads. In-flight requests are bounded so that a stalled
 * system cannot make the generator exhaust the machine; an order that finds the bound
 * full is counted as {@code dropped}, which marks the step as saturated.
 */
final class OpenModelLoad {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

	private static final int MAX_IN_FLIGHT = 4_000;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final URI orders;

	/** Order {@code i} is placed, and cancelled, by customer {@code i % size}. */
	private final List<ClientCredentials> customers;

	private final AtomicLong nextIndex = new AtomicLong();

	/**
	 * @param customers whose tokens are fetched already: renewed within the hour, never
	 * on the measured path
	 */
	OpenModelLoad(URI orderService, List<ClientCredentials> customers) {
		this.orders = orderService.resolve("/api/orders");
		this.customers = List.copyOf(customers);
	}

	/**
	 * What one step sent and got back. Order ids map to their mix, for the event tracker
	 * to judge completion.
	 */
	record StepLoad(int offeredRate, long scheduled, long accepted, long failed, long dropped, long cancelsAccepted,
			double sendSeconds, Histogram postLatency, Map<String, OrderMix> acceptedOrders) {

		double achievedRate() {
			return accepted / sendSeconds;
		}

	}

	/**
	 * Offers {@code rate} orders per second for {@code duration}, then waits (bounded)
	 * for the last answers.
	 */
	StepLoad run(int rate, Duration duration) throws InterruptedException {
		Recorder latency = new Recorder(TimeUnit.SECONDS.toNanos(60), 3);
		Map<String, OrderMix> accepted = new ConcurrentHashMap<>();
		AtomicLong failed = new AtomicLong();
		AtomicLong dropped = new AtomicLong();
		AtomicLong cancels = new AtomicLong();
		Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
		long count = Math.max(1, rate * duration.toMillis() / 1000);
		long period = TimeUnit.SECONDS.toNanos(1) / rate;
		long start = System.nanoTime();
		try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
			for (long i = 0; i < count; i++) {
				long intendedStart = start + i * period;
				long wait = intendedStart - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				if (!inFlight.tryAcquire()) {
					dropped.incrementAndGet();
					continue;
				}
				long index = nextIndex.getAndIncrement();
				requests.submit(() -> {
					try {
						place(index, intendedStart, latency, accepted, failed, cancels);
					}
					finally {
						inFlight.release();
					}
				});
			}
			double sendSeconds = (System.nanoTime() - start) / 1e9;
			requests.shutdown();
			if (!requests.awaitTermination(REQUEST_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS)) {
				requests.shutdownNow();
			}
			return new StepLoad(rate, count, accepted.size(), failed.get(), dropped.get(), cancels.get(), sendSeconds,
					latency.getIntervalHistogram(), accepted);
		}
	}

	private void place(long index, long intendedStart, Recorder latency, Map<String, OrderMix> accepted,
			AtomicLong failed, AtomicLong cancels) {
		OrderMix mix = OrderMix.of(index);
		String bearer = customers.get((int) (index % customers.size())).bearer();
		HttpRequest request = HttpRequest.newBuilder(orders)
			.timeout(REQUEST_TIMEOUT)
			.header("Authorization", bearer)
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", UUID.randomUUID().toString())
			.POST(HttpRequest.BodyPublishers.ofString(OrderMix.body(mix)))
			.build();
		try {
			HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
			latency.recordValue(System.nanoTime() - intendedStart);
			String location = response.headers().firstValue("Location").orElse(null);
			if (response.statusCode() != 202 || location == null) {
				failed.incrementAndGet();
				return;
			}
			String orderId = location.substring(location.lastIndexOf('/') + 1);
			if (mix.cancel && cancel(orderId, bearer)) {
				cancels.incrementAndGet();
				accepted.put(orderId, mix);
			}
			else {
				// a refused cancel (the order had already failed) leaves an order that
				// ends like any other
				accepted.put(orderId, mix.cancel ? OrderMix.APPROVED : mix);
			}
		}
		catch (IOException ex) {
			latency.recordValue(System.nanoTime() - intendedStart);
			failed.incrementAndGet();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private boolean cancel(String orderId, String bearer) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(orders.resolve("/api/orders/" + orderId + "/cancel"))
			.timeout(REQUEST_TIMEOUT)
			.header("Authorization", bearer)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2;
	}

}
