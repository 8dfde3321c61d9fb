package io.orderflow.deadletter.admin;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.orderflow.messaging.cloudevents.CloudEventHeaders;
import io.orderflow.messaging.consumer.ReplayTopics;
import io.orderflow.messaging.deadletter.DeadLetter;
import io.orderflow.messaging.deadletter.DeadLetterResolutions.Kind;
import io.orderflow.messaging.deadletter.DeadLetterResolutions;
import io.orderflow.messaging.deadletter.DeadLetterStore;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Resolves dead letters. A replay re-publishes the original record (value bytes, key,
 * headers without the dead-letter explanations) to the service's replay topic of the
 * topic it came from ({@code <topic>.<group>.replay}, {@link ReplayTopics}), through the
 * service's idempotent producer. Not to the source topic itself: the service may not
 * write a topic it consumes, and only its own group, the one that gave up on the record,
 * is to read it again. Its listener reads the replay topic as the source topic; the
 * record keeps its {@code ce_id}, so a consumer that already applied it absorbs it in its
 * inbox.
 *
 * <p>
 * The resolution is recorded in the same database transaction that waits for Kafka's
 * acknowledgement: a failed send records nothing, and two concurrent replays of one dead
 * letter publish once (the second waits on the first's row, then is refused) unless
 * forced.
 */
public class DeadLetterReplayer {

	private static final long SEND_TIMEOUT_SECONDS = 30;

	private final DeadLetterStore store;

	private final DeadLetterResolutions resolutions;

	private final KafkaTemplate<String, Object> kafka;

	private final TransactionTemplate transactions;

	private final Runnable onResolved;

	private final Duration replayWindow;

	/**
	 * @param replayWindow how old an event may be and still be replayed without
	 * {@code force}: the inboxes' pruning horizon less the time the replayed record stays
	 * in its topic (ADR 0018)
	 */
	public DeadLetterReplayer(DeadLetterStore store, DeadLetterResolutions resolutions,
			KafkaTemplate<String, Object> kafka, TransactionTemplate transactions, Runnable onResolved,
			Duration replayWindow) {
		this.store = store;
		this.resolutions = resolutions;
		this.kafka = kafka;
		this.transactions = transactions;
		this.onResolved = onResolved;
		this.replayWindow = replayWindow;
	}

	/**
	 * @return where the record was re-published: the replay topic
	 * @throws NotFoundException when the service has no such dead letter
	 * @throws AlreadyResolvedException when it was resolved before and {@code force} is
	 * not set
	 * @throws TooOldToReplayException when its event is older than the replay window and
	 * {@code force} is not set: consumers that applied it may have forgotten it, so a
	 * replay could apply it twice
	 */
	public Replayed replay(String topic, int partition, long offset, boolean force) {
		DeadLetter deadLetter = store.find(topic, partition, offset)
			.orElseThrow(() -> new NotFoundException(topic, partition, offset));
		Instant eventTime = eventTime(deadLetter);
		if (!force && eventTime.isBefore(Instant.now().minus(replayWindow))) {
			throw new TooOldToReplayException(topic, partition, offset, eventTime, replayWindow);
		}
		String target = store.replayTopicOf(topic).orElseThrow();
		ProducerRecord<String, Object> record = new ProducerRecord<>(target, null, deadLetter.keyText(),
				deadLetter.value(), originalHeaders(deadLetter.headers()));
		Replayed replayed = transactions.execute(tx -> {
			requireRecorded(topic, partition, offset, Kind.REPLAYED, force);
			RecordMetadata sent = send(record);
			return new Replayed(sent.topic(), sent.partition(), sent.offset());
		});
		onResolved.run();
		return replayed;
	}

	/**
	 * @throws NotFoundException when the service has no such dead letter
	 * @throws AlreadyResolvedException when it was resolved before and {@code force} is
	 * not set
	 */
	public void discard(String topic, int partition, long offset, boolean force) {
		store.find(topic, partition, offset).orElseThrow(() -> new NotFoundException(topic, partition, offset));
		transactions.executeWithoutResult(tx -> requireRecorded(topic, partition, offset, Kind.DISCARDED, force));
		onResolved.run();
	}

	/**
	 * The earliest the dead letter's event can have been published: its {@code ce_time},
	 * the original record's timestamp and the dead letter's own, whichever of them it has
	 * is earliest.
	 */
	static Instant eventTime(DeadLetter deadLetter) {
		Instant earliest = deadLetter.timestamp();
		Optional<Instant> occurred = deadLetter.headerText(CloudEventHeaders.TIME).flatMap(DeadLetterReplayer::instant);
		Optional<Instant> original = deadLetter.header(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP)
			.filter(value -> value.length == Long.BYTES)
			.map(value -> Instant.ofEpochMilli(ByteBuffer.wrap(value).getLong()));
		for (Optional<Instant> candidate : List.of(occurred, original)) {
			if (candidate.isPresent() && candidate.get().isBefore(earliest)) {
				earliest = candidate.get();
			}
		}
		return earliest;
	}

	private static Optional<Instant> instant(String text) {
		try {
			return Optional.of(Instant.parse(text));
		}
		catch (DateTimeParseException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The original record's headers: everything but what the dead-lettering and the
	 * container added.
	 */
	static List<Header> originalHeaders(List<Header> headers) {
		return headers.stream().filter(header -> !isDeadLetterHeader(header.key())).toList();
	}

	private static boolean isDeadLetterHeader(String name) {
		return name.startsWith("kafka_dlt-") || name.startsWith("orderflow_dlt-")
				|| name.equals(KafkaHeaders.DELIVERY_ATTEMPT) || name.startsWith("springDeserializerException");
	}

	private void requireRecorded(String topic, int partition, long offset, Kind kind, boolean force) {
		if (!resolutions.record(topic, partition, offset, kind, force)) {
			throw new AlreadyResolvedException(topic, partition, offset,
					resolutions.find(topic, partition, offset).orElse(null));
		}
	}

	private RecordMetadata send(ProducerRecord<String, Object> record) {
		try {
			return kafka.send(record).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS).getRecordMetadata();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ReplayFailedException(record.topic(), ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new ReplayFailedException(record.topic(), ex);
		}
	}

	public record Replayed(String topic, int partition, long offset) {
	}

	public static class NotFoundException extends RuntimeException {

		NotFoundException(String topic, int partition, long offset) {
			super("No dead letter at " + topic + "/" + partition + "/" + offset);
		}

	}

	public static class AlreadyResolvedException extends RuntimeException {

		AlreadyResolvedException(String topic, int partition, long offset,
				DeadLetterResolutions.Resolution resolution) {
			super("Dead letter " + topic + "/" + partition + "/" + offset + " is already resolved"
					+ (resolution == null ? "" : " (" + resolution.kind() + " at " + resolution.resolvedAt() + ")")
					+ "; add force=true to do it anyway");
		}

	}

	public static class TooOldToReplayException extends RuntimeException {

		TooOldToReplayException(String topic, int partition, long offset, Instant eventTime, Duration window) {
			super("Dead letter " + topic + "/" + partition + "/" + offset + " is about an event of " + eventTime
					+ ", older than the replay window of " + window.toDays() + " days: consumers that applied it may "
					+ "have forgotten it since (orderflow.messaging.pruning.horizon), so a replay could apply it "
					+ "twice; add force=true if applying it again does no harm");
		}

	}

	public static class ReplayFailedException extends RuntimeException {

		ReplayFailedException(String topic, Throwable cause) {
			super("Kafka did not acknowledge the replay to " + topic, cause);
		}

	}

}
