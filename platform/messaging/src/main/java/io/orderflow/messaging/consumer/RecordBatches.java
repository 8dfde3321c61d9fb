package io.orderflow.messaging.consumer;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.DeliveryAttemptAware;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.TopicPartitionOffset;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Applies the records of one poll in one transaction, and one record at a time when that
 * fails, so that a batch keeps every guarantee of record-at-a-time consumption
 * (docs/adr/0024-consuming-in-batches-with-a-per-record-fallback.md).
 *
 * <p>
 * A batch listener hands its poll to {@link #apply} with the effect of one record. The
 * records are applied in their order, each in its own listener observation (the consumer
 * span continues the producer's trace, the aggregate id goes into the log context, as the
 * container does for a record listener), all in one transaction: one commit for the poll.
 * When that transaction fails, the same records are applied again one at a time, each in
 * a transaction of its own, and the first one that fails on its own is reported to the
 * container with a {@link BatchListenerFailedException}: the error handler commits the
 * offsets before it, retries or dead-letters that record exactly as for a record listener
 * (same back-off, same dead-letter topic, never dead-lettered while a dependency is
 * down), and redelivers the rest. A record the deserializer refused is reported the same
 * way once the records before it are applied.
 *
 * <p>
 * The effect must be safe to apply again after a rollback, and all it does must be in the
 * transaction. A remote call inside it (an email, a charge) would be repeated for every
 * record of the poll after a crash, where one record at a time repeats at most the call
 * in flight: notification-service and payment-service take one record at a time (ADR
 * 0024, <i>Status</i>).
 */
public class RecordBatches {

	/**
	 * The most records a batch listener takes in one poll ({@code max.poll.records}): a
	 * transaction stays short, and a failed batch is quickly applied one at a time.
	 */
	public static final int MAX_RECORDS = 100;

	/** The effect of one record, applied in a transaction the caller provides. */
	@FunctionalInterface
	public interface RecordEffect<V> {

		void apply(ConsumerRecord<String, V> record);

	}

	private static final Logger log = LoggerFactory.getLogger(RecordBatches.class);

	private static final LogAccessor LOG_ACCESSOR = new LogAccessor(RecordBatches.class);

	private final String groupId;

	private final TransactionOperations transactions;

	private final ObservationRegistry observations;

	private final KafkaListenerObservationConvention convention;

	private final Supplier<DeliveryAttemptAware> deliveryAttempts;

	private final LongAdder appliedWhole = new LongAdder();

	private final LongAdder fellBack = new LongAdder();

	private final LongAdder records = new LongAdder();

	/**
	 * @param groupId the service's consumer group, for each record's observation
	 * @param convention how each record's listener observation is named and tagged, as
	 * for the service's record listeners
	 * @param deliveryAttempts the error handler, which counts each record's failed
	 * deliveries
	 */
	public RecordBatches(String groupId, TransactionOperations transactions, ObservationRegistry observations,
			KafkaListenerObservationConvention convention, Supplier<DeliveryAttemptAware> deliveryAttempts) {
		this.groupId = groupId;
		this.transactions = transactions;
		this.observations = observations;
		this.convention = convention;
		this.deliveryAttempts = deliveryAttempts;
	}

	/**
	 * Applies the poll's records, in one transaction or else one at a time.
	 * @param listenerId the listener's id, for each record's observation
	 * @throws BatchListenerFailedException naming the first record that fails on its own;
	 * the records before it are applied
	 */
	public <V> void apply(String listenerId, List<ConsumerRecord<String, V>> batch, RecordEffect<V> effect) {
		stampDeliveryAttempts(batch);
		int undeserialisable = firstUndeserialisable(batch);
		List<Step> steps = new ArrayList<>();
		for (int index = 0; index < undeserialisable; index++) {
			ConsumerRecord<String, V> record = batch.get(index);
			steps.add(new Step(index, record, () -> observation(listenerId, record).observe(() -> {
				requireValue(record);
				effect.apply(record);
			})));
		}
		applyTogether(steps);
		reportUndeserialisable(batch, undeserialisable);
	}

	/** Batches applied in one transaction so far. */
	public long appliedWhole() {
		return appliedWhole.sum();
	}

	/** Batches whose transaction failed, then applied one record at a time. */
	public long fellBack() {
		return fellBack.sum();
	}

	/** Records handed to a batch's transaction so far. */
	public long records() {
		return records.sum();
	}

	/**
	 * One record's effect, observed, and where the record is in its poll.
	 */
	private record Step(int index, ConsumerRecord<?, ?> record, Runnable observedEffect) {
	}

	/**
	 * Applies the steps in one transaction; when it fails, one at a time, each in its
	 * own, until one fails on its own.
	 */
	private void applyTogether(List<Step> steps) {
		if (steps.isEmpty()) {
			return;
		}
		records.add(steps.size());
		try {
			transactions.executeWithoutResult(status -> steps.forEach(step -> step.observedEffect().run()));
			appliedWhole.increment();
			return;
		}
		catch (RuntimeException batchFailure) {
			fellBack.increment();
			if (ConsumerFailures.isCausedByUnreachableDatabase(batchFailure)) {
				// nothing can be applied one at a time either: the error handler waits
				// for the database from the first record on
				throw new BatchListenerFailedException("The database is unreachable", batchFailure,
						steps.get(0).index());
			}
			log.debug("A batch of {} records failed ({}); applying them one at a time", steps.size(),
					batchFailure.toString());
		}
		for (Step step : steps) {
			try {
				transactions.executeWithoutResult(status -> step.observedEffect().run());
			}
			catch (RuntimeException failed) {
				throw new BatchListenerFailedException(position(step.record()) + " failed", failed, step.index());
			}
		}
	}

	private Observation observation(String listenerId, ConsumerRecord<?, ?> record) {
		return KafkaListenerObservation.LISTENER_OBSERVATION.observation(convention,
				DefaultKafkaListenerObservationConvention.INSTANCE,
				() -> new KafkaRecordReceiverContext(record, listenerId, null, groupId, () -> null), observations);
	}

	private static void requireValue(ConsumerRecord<?, ?> record) {
		if (record.value() == null) {
			throw new PoisonEventException(position(record) + " has no value");
		}
	}

	private static void reportUndeserialisable(List<? extends ConsumerRecord<?, ?>> batch, int undeserialisable) {
		if (undeserialisable < batch.size()) {
			ConsumerRecord<?, ?> refused = batch.get(undeserialisable);
			throw new BatchListenerFailedException("The deserializer refused " + position(refused),
					deserializationFailure(refused), undeserialisable);
		}
	}

	/**
	 * Stamps each record's delivery attempt, as the container does for a record listener
	 * ({@link KafkaHeaders#DELIVERY_ATTEMPT}), so that a dead letter says how often its
	 * record was tried.
	 */
	private void stampDeliveryAttempts(List<? extends ConsumerRecord<?, ?>> batch) {
		DeliveryAttemptAware attempts = deliveryAttempts.get();
		if (attempts == null) {
			return;
		}
		for (ConsumerRecord<?, ?> record : batch) {
			int attempt = attempts
				.deliveryAttempt(new TopicPartitionOffset(record.topic(), record.partition(), record.offset()));
			record.headers().remove(KafkaHeaders.DELIVERY_ATTEMPT);
			record.headers()
				.add(new RecordHeader(KafkaHeaders.DELIVERY_ATTEMPT,
						ByteBuffer.allocate(Integer.BYTES).putInt(attempt).array()));
		}
	}

	private static int firstUndeserialisable(List<? extends ConsumerRecord<?, ?>> batch) {
		for (int index = 0; index < batch.size(); index++) {
			Header header = batch.get(index)
				.headers()
				.lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER);
			if (header != null) {
				return index;
			}
		}
		return batch.size();
	}

	private static Exception deserializationFailure(ConsumerRecord<?, ?> record) {
		DeserializationException failure = SerializationUtils.getExceptionFromHeader(record,
				SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
		return failure != null ? failure : new PoisonEventException(position(record) + " could not be deserialized");
	}

	private static String position(ConsumerRecord<?, ?> record) {
		return "Record " + record.topic() + "-" + record.partition() + "@" + record.offset();
	}

}
