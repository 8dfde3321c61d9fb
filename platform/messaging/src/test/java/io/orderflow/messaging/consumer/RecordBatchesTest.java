package io.orderflow.messaging.consumer;

import java.nio.charset.StandardCharsets;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Unit: a poll's records are applied in one transaction, else one at a time until the
 * first that fails on its own, which is named to the container; nothing before it is
 * lost, nothing after it applied. The transactions are a fake that keeps what a committed
 * one applied and forgets what a rolled-back one did, as a database would.
 */
class RecordBatchesTest {

	private final Transactions transactions = new Transactions();

	/** The records observed, in the order their observations started. */
	private final List<KafkaRecordReceiverContext> observed = new ArrayList<>();

	private final ObservationRegistry observations = ObservationRegistry.create();

	{
		observations.observationConfig().observationHandler(new ObservationHandler<KafkaRecordReceiverContext>() {
			@Override
			public void onStart(KafkaRecordReceiverContext context) {
				observed.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof KafkaRecordReceiverContext;
			}
		});
	}

	private final RecordBatches batches = new RecordBatches("group", transactions, observations,
			new DefaultKafkaListenerObservationConvention(), () -> tpo -> Math.toIntExact(tpo.getOffset()) + 1);

	@Test
	void aPollThatSucceedsIsAppliedInOneTransactionInItsOrder() {
		batches.apply("listener", records(0, 1, 2, 3), applying(none()));

		assertThat(transactions.committed).containsExactly(List.of("v0", "v1", "v2", "v3"));
		assertThat(transactions.rolledBack).isZero();
		assertThat(batches.appliedWhole()).isEqualTo(1);
		assertThat(batches.fellBack()).isZero();
		assertThat(batches.records()).isEqualTo(4);
		assertThat(observed).extracting(context -> context.getRecord().offset()).containsExactly(0L, 1L, 2L, 3L);
	}

	@Test
	void aRecordThatFailsOnItsOwnIsNamedAfterTheRecordsBeforeItAreCommittedOneByOne() {
		List<ConsumerRecord<String, String>> poll = records(0, 1, 2, 3);

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> batches.apply("listener", poll, applying(failing("v2"))))
			.satisfies(failed -> {
				assertThat(failed.getIndex()).isEqualTo(2);
				assertThat(failed.getCause()).isInstanceOf(PoisonEventException.class).hasMessage("poison v2");
			});

		assertThat(transactions.committed).containsExactly(List.of("v0"), List.of("v1"));
		assertThat(transactions.rolledBack).as("the batch, then the record alone").isEqualTo(2);
		assertThat(batches.fellBack()).isEqualTo(1);
	}

	@Test
	void aFailureOnlyTheBatchMetEndsWithEveryRecordAppliedOnce() {
		Set<String> failOnce = new HashSet<>(Set.of("v1"));

		batches.apply("listener", records(0, 1, 2), applying(failOnce::remove));

		assertThat(transactions.committed).containsExactly(List.of("v0"), List.of("v1"), List.of("v2"));
		assertThat(batches.fellBack()).isEqualTo(1);
	}

	@Test
	void anUnreachableDatabaseIsReportedAtTheFirstRecordWithoutTryingEachAlone() {
		var records = records(0, 1, 2);
		RecordBatches.RecordEffect<String> effect = record -> {
			throw new DataAccessResourceFailureException("no connection",
					new SQLTransientConnectionException("pool timed out"));
		};

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> batches.apply("listener", records, effect))
			.satisfies(failed -> assertThat(failed.getIndex()).isZero());
		assertThat(transactions.started).isEqualTo(1);
		assertThat(transactions.committed).isEmpty();
	}

	@Test
	void aRecordTheDeserializerRefusedIsNamedAfterTheRecordsBeforeItAreApplied() {
		List<ConsumerRecord<String, String>> poll = records(0, 1, 2, 3);
		ConsumerRecord<String, String> refused = new ConsumerRecord<>("topic", 0, 2, "k2", null);
		SerializationUtils.deserializationException(refused.headers(), "garbage".getBytes(StandardCharsets.UTF_8),
				new DeserializationException("failed to deserialize", new byte[0], false,
						new SerializationException("not JSON")),
				false);
		poll.set(2, refused);

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> batches.apply("listener", poll, applying(none())))
			.satisfies(failed -> {
				assertThat(failed.getIndex()).isEqualTo(2);
				assertThat(failed.getCause()).isInstanceOf(DeserializationException.class);
			});
		assertThat(transactions.committed).containsExactly(List.of("v0", "v1"));
	}

	@Test
	void aRecordWithoutAValueIsPoison() {
		List<ConsumerRecord<String, String>> poll = records(0, 1);
		poll.set(1, new ConsumerRecord<>("topic", 0, 1, "k1", null));

		assertThatExceptionOfType(BatchListenerFailedException.class)
			.isThrownBy(() -> batches.apply("listener", poll, applying(none())))
			.satisfies(failed -> {
				assertThat(failed.getIndex()).isEqualTo(1);
				assertThat(failed.getCause()).isInstanceOf(PoisonEventException.class);
			});
		assertThat(transactions.committed).containsExactly(List.of("v0"));
	}

	@Test
	void eachRecordCarriesItsDeliveryAttemptAsTheErrorHandlerCountsIt() {
		List<ConsumerRecord<String, String>> poll = records(4, 5);

		batches.apply("listener", poll, applying(none()));

		assertThat(poll).extracting(ConsumerFailures::deliveryAttempt).containsExactly(5, 6);
	}

	@Test
	void eachRecordIsObservedAsTheContainerObservesARecordListenersRecord() {
		observed.clear();
		batches.apply("listener", records(0, 1), applying(none()));

		assertThat(observed).hasSize(2).allSatisfy(context -> {
			assertThat(context.getName()).isEqualTo("spring.kafka.listener");
			assertThat(context.getListenerId()).isEqualTo("listener");
			assertThat(context.getGroupId()).isEqualTo("group");
		});
	}

	private static Predicate<String> none() {
		return value -> false;
	}

	private static Predicate<String> failing(String value) {
		return value::equals;
	}

	/** Applies a record by noting its value; fails where {@code fails} says so. */
	private RecordBatches.RecordEffect<String> applying(Predicate<String> fails) {
		return record -> {
			if (fails.test(record.value())) {
				throw new PoisonEventException("poison " + record.value());
			}
			transactions.current.add(record.value());
		};
	}

	private static List<ConsumerRecord<String, String>> records(int... offsets) {
		List<ConsumerRecord<String, String>> records = new ArrayList<>();
		for (int offset : offsets) {
			records.add(new ConsumerRecord<>("topic", 0, offset, "k" + offset, "v" + offset));
		}
		return records;
	}

	/** What each committed transaction applied; a rolled-back one leaves nothing. */
	private static final class Transactions implements TransactionOperations {

		final List<List<String>> committed = new ArrayList<>();

		int started;

		int rolledBack;

		List<String> current;

		@Override
		public <T> T execute(TransactionCallback<T> action) {
			started++;
			current = new ArrayList<>();
			TransactionStatus status = new SimpleTransactionStatus();
			try {
				T result = action.doInTransaction(status);
				committed.add(current);
				return result;
			}
			catch (RuntimeException ex) {
				rolledBack++;
				throw ex;
			}
			finally {
				current = null;
			}
		}

	}

}
