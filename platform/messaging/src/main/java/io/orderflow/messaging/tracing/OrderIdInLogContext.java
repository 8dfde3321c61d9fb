package io.orderflow.messaging.tracing;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.slf4j.MDC;

import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * Puts the order id (the record key) into the log context while a listener handles a record, so every line logged
 * meanwhile says which order it is about, next to the trace and span ids the tracer puts there. It follows the
 * listener observation's scope, which spring-kafka opens around the listener on the consumer thread.
 */
class OrderIdInLogContext implements ObservationHandler<KafkaRecordReceiverContext> {

	/** What the log context held before the scope opened (nothing, normally), restored when it closes. */
	private record Previous(String orderId) {
	}

	@Override
	public void onScopeOpened(KafkaRecordReceiverContext context) {
		OrderIdCorrelation.orderIdOf(context.getRecord().key()).ifPresent(orderId -> {
			context.put(Previous.class, new Previous(MDC.get(OrderIdCorrelation.LOG_KEY)));
			MDC.put(OrderIdCorrelation.LOG_KEY, orderId);
		});
	}

	@Override
	public void onScopeClosed(KafkaRecordReceiverContext context) {
		Previous previous = context.get(Previous.class);
		if (previous == null) {
			return;
		}
		context.remove(Previous.class);
		if (previous.orderId() == null) {
			MDC.remove(OrderIdCorrelation.LOG_KEY);
		}
		else {
			MDC.put(OrderIdCorrelation.LOG_KEY, previous.orderId());
		}
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof KafkaRecordReceiverContext;
	}

}
