package io.orderflow.messaging.consumer;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code orderflow.consumer.batches} by {@code outcome}: {@code whole} for a poll applied
 * in one transaction, {@code one-at-a-time} for one whose transaction failed and which
 * was applied record by record ({@link RecordBatches}); and
 * {@code orderflow.consumer.batch.records}, the records handed to a batch. Records over
 * batches is the mean batch size; a rising share of {@code one-at-a-time} says that
 * batches keep meeting a failure.
 */
public class RecordBatchMetrics implements MeterBinder {

	public static final String BATCHES = "orderflow.consumer.batches";

	public static final String RECORDS = "orderflow.consumer.batch.records";

	private final RecordBatches batches;

	public RecordBatchMetrics(RecordBatches batches) {
		this.batches = batches;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		FunctionCounter.builder(BATCHES, batches, RecordBatches::appliedWhole)
			.description("Polls a batch listener applied in one transaction, or one record at a time")
			.tag("outcome", "whole")
			.register(registry);
		FunctionCounter.builder(BATCHES, batches, RecordBatches::fellBack)
			.description("Polls a batch listener applied in one transaction, or one record at a time")
			.tag("outcome", "one-at-a-time")
			.register(registry);
		FunctionCounter.builder(RECORDS, batches, RecordBatches::records)
			.description("Records handed to a batch listener's transaction")
			.register(registry);
	}

}
