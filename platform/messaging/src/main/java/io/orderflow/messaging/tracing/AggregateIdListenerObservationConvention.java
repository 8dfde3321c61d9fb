package io.orderflow.messaging.tracing;

import java.util.function.Supplier;

import io.micrometer.common.KeyValues;

import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * spring-kafka's listener observation, plus the aggregate id (the record key) on the
 * consumer span, and the tags of spring-kafka's own listener timer on the observation's
 * ({@link SpringKafkaTimerTags}).
 */
public class AggregateIdListenerObservationConvention extends DefaultKafkaListenerObservationConvention {

	private final Supplier<AggregateCorrelations> correlations;

	/**
	 * @param correlations asked when a record is observed, so a container factory can be
	 * configured before the service's event families are known
	 */
	public AggregateIdListenerObservationConvention(Supplier<AggregateCorrelations> correlations) {
		this.correlations = correlations;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(KafkaRecordReceiverContext context) {
		return super.getLowCardinalityKeyValues(context)
			.and(SpringKafkaTimerTags.of(context.getListenerId(), context.getError()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(KafkaRecordReceiverContext context) {
		KeyValues keyValues = super.getHighCardinalityKeyValues(context);
		return correlations.get()
			.spanTagOf(context.getRecord().topic(), context.getRecord().key())
			.map(keyValues::and)
			.orElse(keyValues);
	}

}
