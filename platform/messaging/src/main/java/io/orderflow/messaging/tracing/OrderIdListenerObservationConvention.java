package io.orderflow.messaging.tracing;

import io.micrometer.common.KeyValues;

import org.springframework.kafka.support.micrometer.KafkaListenerObservation.DefaultKafkaListenerObservationConvention;
import org.springframework.kafka.support.micrometer.KafkaRecordReceiverContext;

/**
 * spring-kafka's listener observation, plus the order id (the record key) on the consumer span, and the tags of
 * spring-kafka's own listener timer on the observation's ({@link SpringKafkaTimerTags}).
 */
public class OrderIdListenerObservationConvention extends DefaultKafkaListenerObservationConvention {

	@Override
	public KeyValues getLowCardinalityKeyValues(KafkaRecordReceiverContext context) {
		return super.getLowCardinalityKeyValues(context)
			.and(SpringKafkaTimerTags.of(context.getListenerId(), context.getError()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(KafkaRecordReceiverContext context) {
		KeyValues keyValues = super.getHighCardinalityKeyValues(context);
		return OrderIdCorrelation.orderIdOf(context.getRecord().key())
			.map(orderId -> keyValues.and(OrderIdCorrelation.SPAN_TAG, orderId))
			.orElse(keyValues);
	}

}
