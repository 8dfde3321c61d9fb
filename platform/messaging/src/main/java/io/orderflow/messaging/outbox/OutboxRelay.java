package io.orderflow.messaging.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.cloudevents.CloudEventRecords;
import io.orderflow.messaging.tracing.OutboxTraceContext;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves committed outbox rows to Kafka, oldest first, and deletes each row once Kafka
 * acknowledged it.
 *
 * <ul>
 * <li><b>Low latency:</b> a commit that wrote outbox rows wakes the relay at once; the
 * poll interval only matters for rows written by another instance or left by a
 * crash.</li>
 * <li><b>Nothing skipped:</b> the relay never remembers a high-water mark; it always
 * reads every row still present, so a transaction that commits after a later one is
 * simply picked up in the next round.</li>
 * <li><b>Per-key order:</b> rows are sent in id order through an idempotent producer; one
 * relay per database at a time (a transaction-scoped advisory lock), so two instances
 * never interleave.</li>
 * <li><b>A lease, not a reign:</b> the lock lives in the round's transaction, which stays
 * open while the relay waits for Kafka. The relay bounds how long that transaction may
 * sit idle ({@code SET LOCAL idle_in_transaction_session_timeout} to
 * {@link MessagingProperties.Outbox#lease()}), so when its process stops answering (a
 * pause, a long GC, a network partition) PostgreSQL ends the session after the lease, the
 * lock goes with it, and another instance's relay takes over at its next round: one hung
 * instance stalls its peers for the lease at most, not until TCP gives up (one alive but
 * cut off from its broker may take the lock again at a later round: a lease each time). A
 * relay whose session was ended finds its delete or commit failing; the round fails as
 * any other, the rows stay and are sent again, possibly by both relays: at least once.
 * The first copy of each order's events still arrives in order, and consumers' inboxes
 * absorb the repeats.</li>
 * <li><b>At least once:</b> a crash between Kafka's acknowledgement and the delete sends
 * the row again; consumers' inboxes absorb the duplicate.</li>
 * <li><b>One trace:</b> each send happens in the trace context stored with its row, so
 * the record continues the trace of the request that caused the event; rows without one
 * are sent outside any trace.</li>
 * <li><b>Never dead for good unnoticed:</b> no failure of a round ends the relay; should
 * its thread end anyway, the relay says so at ERROR, in its health
 * ({@link OutboxRelayHealthIndicator}: {@code DOWN}) and in the application's liveness
 * ({@code BROKEN}), so that the instance is restarted.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

	/** Any constant works: each service has its own database. */
	private static final long RELAY_LOCK_KEY = 0x6f7574626f78L;

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final KafkaTemplate<String, Object> kafka;

	private final MessagingProperties.Outbox settings;

	private final OutboxTraceContext traceContext;

	private final BlockingQueue<Boolean> wakeUps = new ArrayBlockingQueue<>(1);

	private final ThreadFactory threads;

	private final ApplicationEventPublisher events;

	private volatile boolean running;

	private volatile Thread worker;

	private volatile @Nullable Instant lastRoundAt;

	private volatile int failuresInARow;

	private volatile @Nullable String lastFailure;

	private volatile @Nullable Throwable death;

	/**
	 * @param traceContext where the service has a tracer, each send continues the trace
	 * stored with its row; {@link OutboxTraceContext#NONE} otherwise
	 */
	public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, Object> kafka,
			MessagingProperties.Outbox settings, OutboxTraceContext traceContext) {
		this(jdbc, transactions, kafka, settings, traceContext, event -> {
		});
	}

	/**
	 * @param events told when the relay's thread died ({@link LivenessState#BROKEN}):
	 * only a restart brings it back
	 */
	public OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, Object> kafka,
			MessagingProperties.Outbox settings, OutboxTraceContext traceContext, ApplicationEventPublisher events) {
		this(jdbc, transactions, kafka, settings, traceContext, events,
				Thread.ofPlatform().name("outbox-relay").daemon().factory());
	}

	/**
	 * @param threads makes the relay's one thread (a test makes one that dies)
	 */
	OutboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<String, Object> kafka,
			MessagingProperties.Outbox settings, OutboxTraceContext traceContext, ApplicationEventPublisher events,
			ThreadFactory threads) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.kafka = kafka;
		this.settings = settings;
		this.traceContext = traceContext;
		this.events = events;
		this.threads = threads;
	}

	/** Asks the relay to look for new rows now; calls coalesce. */
	public void wakeUp() {
		wakeUps.offer(Boolean.TRUE);
	}

	@Override
	public void start() {
		running = true;
		death = null;
		Thread thread = threads.newThread(this::run);
		thread.setUncaughtExceptionHandler((dead, ex) -> died(ex));
		thread.start();
		worker = thread;
	}

	@Override
	public void stop() {
		running = false;
		Thread thread = worker;
		if (thread != null) {
			thread.interrupt();
			try {
				thread.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/** How the relay is doing, for its health indicator. */
	public Status status() {
		Thread thread = worker;
		boolean dead = running && (death != null || (thread != null && !thread.isAlive()));
		Throwable cause = death;
		return new Status(running, dead, lastRoundAt, failuresInARow,
				dead && cause != null ? cause.toString() : lastFailure);
	}

	/**
	 * Rounds until stopped. Whatever a round throws, {@link Error}s included (an
	 * {@link OutOfMemoryError} while a batch was read, a {@link StackOverflowError} in a
	 * driver), ends that round only: the relay logs it, backs off (from 100 ms, doubling,
	 * at most 5 s) and goes on; the rows wait in the table meanwhile. An interrupt while
	 * the relay is meant to run is not a stop either.
	 */
	private void run() {
		try {
			relayUntilStopped();
		}
		catch (Throwable ex) { // NOSONAR what escapes a round's own handling ends the
								// thread: say so, loudly
			if (running) {
				died(ex);
			}
			return;
		}
		if (running) {
			died(null);
		}
	}

	private void relayUntilStopped() {
		Duration backoff = Duration.ZERO;
		while (running) {
			try {
				Duration wait = backoff.isZero() ? settings.pollInterval() : backoff;
				wakeUps.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
				relayAll();
				backoff = Duration.ZERO;
				failuresInARow = 0;
				lastRoundAt = Instant.now();
			}
			catch (InterruptedException ex) {
				if (!running) {
					return;
				}
				log.warn("Outbox relay interrupted while it is meant to run; it goes on");
			}
			catch (Throwable ex) { // NOSONAR a round must not end the relay, whatever it
									// throws
				backoff = backoff.isZero() ? Duration.ofMillis(100) : min(backoff.multipliedBy(2), MAX_BACKOFF);
				failed(ex, backoff);
			}
		}
	}

	private void failed(Throwable ex, Duration backoff) {
		failuresInARow++;
		lastFailure = ex.toString();
		if (!running) {
			return;
		}
		if (ex instanceof Error) {
			log.error("Outbox relay round failed, retrying in {} ms", backoff.toMillis(), ex);
		}
		else {
			log.warn("Outbox relay round failed, retrying in {} ms: {}", backoff.toMillis(), ex.toString());
		}
	}

	/**
	 * The thread is gone while the relay should run: nothing is relayed until the service
	 * restarts.
	 */
	private void died(@Nullable Throwable cause) {
		if (death != null) {
			return;
		}
		death = cause != null ? cause : new IllegalStateException("the relay's thread ended");
		log.error("The outbox relay stopped for good: no event leaves this instance until it restarts; "
				+ "liveness is now BROKEN", death);
		AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
	}

	/** Relays batches until a round finds fewer rows than a full batch. */
	private void relayAll() {
		int relayed;
		do {
			relayed = relayBatch();
		}
		while (relayed == settings.batchSize() && running);
	}

	private int relayBatch() {
		BatchResult result = transactions.execute(tx -> {
			// one statement, the lease first: the lock is never held without it
			boolean leader = jdbc.sql("""
					select pg_try_advisory_xact_lock(?)
					from set_config('idle_in_transaction_session_timeout', ?, true)""")
				.param(RELAY_LOCK_KEY)
				.param(Long.toString(settings.lease().toMillis()))
				.query(Boolean.class)
				.single();
			if (!leader) {
				return BatchResult.NONE;
			}
			List<OutboxRow> rows = jdbc.sql("""
					select id, event_id, topic, message_key, event_type, source, occurred_at, payload, traceparent
					from outbox_message order by id limit ?""")
				.param(settings.batchSize())
				.query((rs, n) -> new OutboxRow(rs.getLong("id"), rs.getObject("event_id", UUID.class),
						rs.getString("topic"), rs.getString("message_key"), rs.getString("event_type"),
						rs.getString("source"), rs.getTimestamp("occurred_at").toInstant(), rs.getBytes("payload"),
						rs.getString("traceparent")))
				.list();
			if (rows.isEmpty()) {
				return BatchResult.NONE;
			}
			List<Long> sent = sendInOrder(rows);
			if (!sent.isEmpty()) {
				jdbc.sql("delete from outbox_message where id = any(?)").param(sent.toArray(Long[]::new)).update();
			}
			return new BatchResult(rows.size(), sent.size());
		});
		if (result == null) {
			return 0;
		}
		if (result.sent() < result.read()) {
			// what Kafka acknowledged is committed; back off, the rest is retried in
			// order next round
			throw new OutboxSendException(result.read() - result.sent());
		}
		return result.read();
	}

	/**
	 * Sends all rows, then answers the ids of the acknowledged prefix (a failed row stops
	 * the prefix).
	 */
	private List<Long> sendInOrder(List<OutboxRow> rows) {
		List<CompletableFuture<SendResult<String, Object>>> futures = new ArrayList<>(rows.size());
		for (OutboxRow row : rows) {
			// the producer span starts in the send: its parent is the row's trace, and
			// its context goes out in the
			// record's traceparent header
			try (OutboxTraceContext.Scope scope = traceContext.restore(row.traceparent())) {
				futures.add(kafka.send(toRecord(row)));
			}
		}
		List<Long> acknowledged = new ArrayList<>(rows.size());
		long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
		for (int i = 0; i < rows.size(); i++) {
			try {
				futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
				acknowledged.add(rows.get(i).id());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			catch (Exception ex) {
				log.warn("Kafka did not acknowledge outbox row {} ({}): {}", rows.get(i).id(), rows.get(i).eventType(),
						ex.toString());
				break;
			}
		}
		return acknowledged;
	}

	private static ProducerRecord<String, Object> toRecord(OutboxRow row) {
		return CloudEventRecords.of(row.topic(), row.key(), row.eventId(), row.eventType(), row.source(),
				row.occurredAt(), row.payload());
	}

	private static Duration min(Duration a, Duration b) {
		return a.compareTo(b) <= 0 ? a : b;
	}

	private record BatchResult(int read, int sent) {

		static final BatchResult NONE = new BatchResult(0, 0);

	}

	private record OutboxRow(long id, UUID eventId, String topic, String key, String eventType, String source,
			Instant occurredAt, byte[] payload, String traceparent) {
	}

	/**
	 * @param running whether the relay is meant to run (started, not stopped)
	 * @param dead whether it is meant to run but its thread is gone
	 * @param lastRoundAt when a round last completed, {@code null} before the first
	 * @param failuresInARow rounds that failed since the last that completed
	 * @param lastFailure the last round's failure, or what ended the thread
	 */
	public record Status(boolean running, boolean dead, @Nullable Instant lastRoundAt, int failuresInARow,
			@Nullable String lastFailure) {
	}

	/**
	 * Thrown after committing the acknowledged prefix so the relay backs off before
	 * retrying the rest.
	 */
	static final class OutboxSendException extends RuntimeException {

		OutboxSendException(int unsent) {
			super(unsent + " outbox row(s) not acknowledged by Kafka");
		}

	}

}
