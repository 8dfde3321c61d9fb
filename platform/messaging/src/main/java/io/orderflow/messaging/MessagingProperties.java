package io.orderflow.messaging;

import java.time.Duration;
import java.util.Map;

import io.orderflow.messaging.consumer.DeadLetterHeaders;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the delivery machinery ({@code orderflow.messaging.*}). Durability settings
 * (acks, idempotence) are deliberately not here: they are not negotiable.
 */
@Validated
@ConfigurationProperties("orderflow.messaging")
public record MessagingProperties(@Valid @DefaultValue Outbox outbox, @Valid @DefaultValue Topics topics,
		@Valid @DefaultValue Consumer consumer, @Valid @DefaultValue DeadLetters deadLetters,
		@Valid @DefaultValue Pruning pruning) {

	/**
	 * The defaults, as a service without {@code orderflow.messaging.*} settings binds
	 * them: for an admin step that creates the topics outside a Spring context.
	 */
	public static MessagingProperties defaults() {
		return of(Map.of());
	}

	/**
	 * Bound from {@code orderflow.messaging.*} properties as a service would bind them,
	 * the rest defaults: for an admin step configured like the services (e.g. the
	 * replication factor of a cluster).
	 */
	public static MessagingProperties of(Map<String, ?> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("orderflow.messaging",
				MessagingProperties.class);
	}

	/**
	 * The pruning horizon is safe: no event can be delivered again later than that after
	 * it was processed (ADR 0018), so an inbox row older than the horizon is never needed
	 * again.
	 */
	@AssertTrue(message = "orderflow.messaging.pruning.horizon must be at least twice the topics' retention plus the "
			+ "dead-letter topics' retention plus three segment rolls (docs/adr/0018-retention-horizon.md)")
	public boolean isPruningHorizonBeyondRedelivery() {
		return topics == null || pruning == null || pruning.horizon() == null
				|| pruning.horizon().compareTo(topics.latestRedelivery()) >= 0;
	}

	/**
	 * @param pollInterval how often the relay looks for rows when no commit woke it
	 * (other instances, restarts)
	 * @param batchSize rows relayed per round trip
	 * @param sendTimeout how long one batch may wait for Kafka's acknowledgements
	 * @param lease how long a relay keeps the right to publish (the advisory lock) while
	 * its database session sits idle in its transaction, e.g. waiting for Kafka, or
	 * because its process is paused or cut off: PostgreSQL ends the session after that
	 * ({@code idle_in_transaction_session_timeout}), the lock goes with it, and another
	 * instance's relay takes over at its next round. A smaller lease shortens how long
	 * one hung instance stalls every instance's events; a broker slower than the lease
	 * makes a peer take over and send the same rows again: duplicates, which consumers'
	 * inboxes absorb, never a loss. At least 1 ms, at most 24 days (PostgreSQL's bound)
	 */
	public record Outbox(@NotNull @DefaultValue("500ms") Duration pollInterval,
			@Min(1) @Max(10_000) @DefaultValue("500") int batchSize, @NotNull @DefaultValue("30s") Duration sendTimeout,
			@NotNull @DefaultValue("10s") Duration lease) {

		/**
		 * The lease is whole milliseconds PostgreSQL accepts: {@code 0} would switch the
		 * timeout off, and with it the bound on how long a hung relay stalls its peers.
		 */
		@AssertTrue(message = "orderflow.messaging.outbox.lease must be at least 1ms and at most 24d")
		public boolean isLeaseWithinPostgresBounds() {
			return lease == null || (lease.toMillis() >= 1 && lease.compareTo(Duration.ofDays(24)) <= 0);
		}

	}

	/**
	 * Partitions, replication, record size limit and retention of the topics a service
	 * declares (its own, the ones it reads, its DLTs).
	 *
	 * @param maxMessageSize the largest record the topics accept
	 * ({@code max.message.bytes}) and the producer sends ({@code max.request.size});
	 * above {@link Consumer#maxEventSize()} on purpose, so that an oversized record a
	 * producer wrote by mistake reaches the consumers and lands in a dead-letter topic
	 * with its reason, where someone sees it, and the dead-letter topic can hold it whole
	 * @param retention how long the event topics keep a record ({@code retention.ms}):
	 * how far back a consumer can replay them
	 * @param deadLetterRetention how long a dead-letter topic keeps a record
	 * ({@code retention.ms}): long, so that an operator has weeks to look at a dead
	 * letter and replay it
	 */
	public record Topics(@Min(1) @DefaultValue("3") int partitions, @Min(1) @DefaultValue("1") short replicationFactor,
			@NotNull @DefaultValue("4MB") DataSize maxMessageSize, @NotNull @DefaultValue("7d") Duration retention,
			@NotNull @DefaultValue("28d") Duration deadLetterRetention) {

		/**
		 * How often every declared topic starts a new log segment ({@code segment.ms}).
		 * Kafka deletes whole segments, so a record may outlive its topic's retention by
		 * this much: declared, so that the bound is ours.
		 */
		public static final Duration SEGMENT_ROLL = Duration.ofDays(1);

		/**
		 * The oldest an event can be, counted from when it was first published, when it
		 * is delivered again: it lives in its topic ({@link #retention()} and a
		 * {@link #SEGMENT_ROLL}), a consumer dead-letters it at the last moment, the dead
		 * letter lives its own retention and roll, is replayed then, and lives in the
		 * topic again. Replays of a replay are refused past the horizon
		 * ({@code DeadLetterReplayer}).
		 */
		public Duration latestRedelivery() {
			return retention.plus(SEGMENT_ROLL).multipliedBy(2).plus(deadLetterRetention).plus(SEGMENT_ROLL);
		}

		/**
		 * The largest record a dead-letter topic accepts and the producer sends: a record
		 * of {@link #maxMessageSize()} with the headers dead-lettering adds
		 * ({@link DeadLetterHeaders}).
		 */
		public int deadLetterMaxMessageBytes() {
			return Math.toIntExact(maxMessageSize.toBytes() + DeadLetterHeaders.HEADROOM_BYTES);
		}

	}

	/**
	 * @param maxAttempts deliveries of one record, the first included, before it goes to
	 * the dead-letter topic
	 * @param dependencyMaxBackoff the longest pause between retries of a record that
	 * waits for a dependency to heal
	 * @param instanceId this instance's static group membership
	 * ({@code group.instance.id}); by default
	 * {@code <application name>-<host>-<server port>}, stable across restarts of the same
	 * instance
	 * @param sessionTimeout how long the group waits for a silent member before moving
	 * its partitions
	 * @param maxEventSize the largest record value read as an event; a larger one is
	 * poison, dead-lettered unparsed
	 * @param commitInterval how often a consumer commits the offsets of the records it
	 * has processed, rather than after every poll: one offset commit (a round trip and a
	 * replicated write to the broker) then covers every poll of the interval. A record is
	 * processed, and its effect committed to the database, before its offset is
	 * committed, whatever the interval, and a rebalance commits what is pending before it
	 * hands a partition over; a crash redelivers at most the records of the last
	 * interval, which the inbox absorbs. {@code 0} commits after every poll
	 */
	public record Consumer(@Min(1) @Max(20) @DefaultValue("4") int maxAttempts,
			@NotNull @DefaultValue("200ms") Duration initialBackoff, @NotNull @DefaultValue("2s") Duration maxBackoff,
			@NotNull @DefaultValue("30s") Duration dependencyMaxBackoff, String instanceId,
			@NotNull @DefaultValue("10s") Duration sessionTimeout, @NotNull @DefaultValue("1MB") DataSize maxEventSize,
			@NotNull @DefaultValue("100ms") Duration commitInterval) {

		/** A negative interval means nothing; zero is the one way to say "every poll". */
		@AssertTrue(message = "orderflow.messaging.consumer.commit-interval must not be negative")
		public boolean isCommitIntervalNotNegative() {
			return commitInterval == null || !commitInterval.isNegative();
		}

	}

	/**
	 * The dead-letter admin API ({@code /admin/dead-letters}).
	 *
	 * @param concurrentReads how many requests may read dead-letter records at the same
	 * time; each holds at most a page of summaries and one fetch of records, so this
	 * bounds the memory dead letters can take
	 */
	public record DeadLetters(@Min(1) @Max(16) @DefaultValue("2") int concurrentReads) {
	}

	/**
	 * Pruning of what the inbox and the dead-letter resolutions remember (ADR 0018).
	 *
	 * @param horizon how long an inbox row and a dead-letter resolution are kept; at
	 * least {@link Topics#latestRedelivery()} (45 days with the default retentions)
	 * @param interval how often each instance prunes
	 * @param batchSize rows deleted per statement, so that pruning never holds many locks
	 * or a long transaction
	 */
	public record Pruning(@NotNull @DefaultValue("60d") Duration horizon,
			@NotNull @DefaultValue("1h") Duration interval, @Min(1) @Max(100_000) @DefaultValue("1000") int batchSize) {
	}

}
