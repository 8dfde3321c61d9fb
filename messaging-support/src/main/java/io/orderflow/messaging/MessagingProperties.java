package io.orderflow.messaging;

import java.time.Duration;

import io.orderflow.messaging.consumer.DeadLetterHeaders;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Tuning of the delivery machinery ({@code orderflow.messaging.*}). Durability settings (acks, idempotence) are
 * deliberately not here: they are not negotiable.
 */
@Validated
@ConfigurationProperties("orderflow.messaging")
public record MessagingProperties(@Valid @DefaultValue Outbox outbox, @Valid @DefaultValue Topics topics,
		@Valid @DefaultValue Consumer consumer, @Valid @DefaultValue DeadLetters deadLetters) {

	/**
	 * @param pollInterval how often the relay looks for rows when no commit woke it (other instances, restarts)
	 * @param batchSize rows relayed per round trip
	 * @param sendTimeout how long one batch may wait for Kafka's acknowledgements
	 */
	public record Outbox(@NotNull @DefaultValue("500ms") Duration pollInterval,
			@Min(1) @Max(10_000) @DefaultValue("500") int batchSize,
			@NotNull @DefaultValue("30s") Duration sendTimeout) {
	}

	/**
	 * Partitions, replication, record size limit and retention of the topics a service declares (its own, the ones
	 * it reads, its DLTs).
	 * @param maxMessageSize the largest record the topics accept ({@code max.message.bytes}) and the producer sends
	 * ({@code max.request.size}); above {@link Consumer#maxEventSize()} on purpose, so that an oversized record a
	 * producer wrote by mistake reaches the consumers and lands in a dead-letter topic with its reason, where
	 * someone sees it, and the dead-letter topic can hold it whole
	 * @param deadLetterRetention how long a dead-letter topic keeps a record ({@code retention.ms}): long, so that an
	 * operator has weeks to look at a dead letter and replay it
	 */
	public record Topics(@Min(1) @DefaultValue("3") int partitions,
			@Min(1) @DefaultValue("1") short replicationFactor,
			@NotNull @DefaultValue("4MB") DataSize maxMessageSize,
			@NotNull @DefaultValue("28d") Duration deadLetterRetention) {

		/**
		 * The largest record a dead-letter topic accepts and the producer sends: a record of
		 * {@link #maxMessageSize()} with the headers dead-lettering adds ({@link DeadLetterHeaders}).
		 */
		public int deadLetterMaxMessageBytes() {
			return Math.toIntExact(maxMessageSize.toBytes() + DeadLetterHeaders.HEADROOM_BYTES);
		}

	}

	/**
	 * @param maxAttempts deliveries of one record, the first included, before it goes to the dead-letter topic
	 * @param dependencyMaxBackoff the longest pause between retries of a record that waits for a dependency to heal
	 * @param instanceId this instance's static group membership ({@code group.instance.id}); by default
	 * {@code <application name>-<host>-<server port>}, stable across restarts of the same instance
	 * @param sessionTimeout how long the group waits for a silent member before moving its partitions
	 * @param maxEventSize the largest record value read as an event; a larger one is poison, dead-lettered unparsed
	 */
	public record Consumer(@Min(1) @Max(20) @DefaultValue("4") int maxAttempts,
			@NotNull @DefaultValue("200ms") Duration initialBackoff,
			@NotNull @DefaultValue("2s") Duration maxBackoff,
			@NotNull @DefaultValue("30s") Duration dependencyMaxBackoff, String instanceId,
			@NotNull @DefaultValue("10s") Duration sessionTimeout,
			@NotNull @DefaultValue("1MB") DataSize maxEventSize) {
	}

	/**
	 * The dead-letter admin API ({@code /admin/dead-letters}).
	 * @param concurrentReads how many requests may read dead-letter records at the same time; each holds at most a
	 * page of summaries and one fetch of records, so this bounds the memory dead letters can take
	 */
	public record DeadLetters(@Min(1) @Max(16) @DefaultValue("2") int concurrentReads) {
	}

}
