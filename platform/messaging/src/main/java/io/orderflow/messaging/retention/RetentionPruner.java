package io.orderflow.messaging.retention;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.orderflow.messaging.MessagingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Forgets what no redelivery can need any more: inbox rows ({@code inbox_message}) and
 * dead-letter resolutions ({@code dead_letter_resolution}) older than the horizon, which
 * is longer than any event can come back (ADR 0018, checked when the properties are
 * bound).
 *
 * <ul>
 * <li><b>Bounded:</b> each statement deletes at most {@code batch-size} rows, oldest
 * first through an index, in a transaction of its own; a run repeats it until a batch
 * comes back short.</li>
 * <li><b>Several instances:</b> every instance prunes on its own schedule (started at a
 * random point of the first interval); {@code for update skip locked} lets two runs at
 * the same time take different rows instead of waiting on each other, and a row deleted
 * twice is deleted once.</li>
 * <li><b>Never in the way:</b> a failed run (database down) is logged and the next one
 * tries again.</li>
 * </ul>
 */
public class RetentionPruner implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);

	private static final String PRUNE_INBOX = """
			delete from inbox_message where event_id in (
			    select event_id from inbox_message
			    where processed_at < now() - make_interval(secs => ?)
			    order by processed_at limit ? for update skip locked)""";

	private static final String PRUNE_RESOLUTIONS = """
			delete from dead_letter_resolution where (topic, partition, "offset") in (
			    select topic, partition, "offset" from dead_letter_resolution
			    where resolved_at < now() - make_interval(secs => ?)
			    order by resolved_at limit ? for update skip locked)""";

	private final JdbcClient jdbc;

	private final MessagingProperties.Pruning settings;

	private ScheduledExecutorService scheduler;

	private volatile boolean stopping;

	public RetentionPruner(JdbcClient jdbc, MessagingProperties.Pruning settings) {
		this.jdbc = jdbc;
		this.settings = settings;
	}

	/** Prunes everything past the horizon now, in batches. */
	public Pruned pruneNow() {
		return new Pruned(prune(PRUNE_INBOX), prune(PRUNE_RESOLUTIONS));
	}

	private Batches prune(String statement) {
		double horizonSeconds = settings.horizon().toSeconds();
		long rows = 0;
		int batches = 0;
		int deleted;
		do {
			deleted = jdbc.sql(statement).params(horizonSeconds, settings.batchSize()).update();
			rows += deleted;
			batches++;
		}
		while (deleted == settings.batchSize() && !stopping);
		return new Batches(rows, batches);
	}

	private void run() {
		try {
			Pruned pruned = pruneNow();
			if (pruned.inboxRows().rows() > 0 || pruned.resolutions().rows() > 0) {
				log.info("Pruned {} inbox row(s) and {} dead-letter resolution(s) older than {}",
						pruned.inboxRows().rows(), pruned.resolutions().rows(), settings.horizon());
			}
		}
		catch (RuntimeException ex) {
			log.warn("Pruning past the retention horizon failed; the next run tries again: {}", ex.toString());
		}
	}

	@Override
	public synchronized void start() {
		stopping = false;
		scheduler = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("orderflow-retention-pruner").daemon().factory());
		long interval = settings.interval().toMillis();
		scheduler.scheduleWithFixedDelay(this::run, ThreadLocalRandom.current().nextLong(interval + 1), interval,
				TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		stopping = true;
		if (scheduler != null) {
			scheduler.shutdownNow();
			try {
				scheduler.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return scheduler != null && !scheduler.isShutdown();
	}

	/**
	 * @param batches statements run, the last one short
	 */
	public record Batches(long rows, int batches) {
	}

	public record Pruned(Batches inboxRows, Batches resolutions) {
	}

}
