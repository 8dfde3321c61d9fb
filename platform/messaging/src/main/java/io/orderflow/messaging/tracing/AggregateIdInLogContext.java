package io.orderflow.messaging.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.MDC;

import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * Puts the aggregate id (the record key) into the log context while a listener handles a
 * record, so every line logged meanwhile says which aggregate (in orderflow, which order)
 * it is about, next to the trace and span ids the tracer puts there. It follows the
 * listener observation's scope, which spring-kafka opens around the listener on the
 * consumer thread.
 */
class AggregateIdInLogContext implements ObservationHandler<KafkaRecordReceiverContext> {

	/**
	 * What the log context held under the key before the scope opened (nothing,
	 * normally), restored when it closes.
	 */
	private record Previous(String logKey, String id) {
	}

	private final AggregateCorrelations correlations;

	AggregateIdInLogContext(AggregateCorrelations correlations) {
		this.correlations = correlations;
	}

	@Override
	public void onScopeOpened(KafkaRecordReceiverContext context) {
		ConsumerRecord<?, ?> record = context.getRecord();
		correlations.forTopic(record.topic())
			.ifPresent(correlation -> AggregateCorrelation.idOf(record.key()).ifPresent(id -> {
				context.put(Previous.class, new Previous(correlation.logKey(), MDC.get(correlation.logKey())));
				MDC.put(correlation.logKey(), id);
			}));
	}

	@Override
	public void onScopeClosed(KafkaRecordReceiverContext context) {
		Previous previous = context.get(Previous.class);
		if (previous == null) {
			return;
		}
		context.remove(Previous.class);
		if (previous.id() == null) {
			MDC.remove(previous.logKey());
		}
		else {
			MDC.put(previous.logKey(), previous.id());
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof KafkaRecordReceiverContext;
	}

}
