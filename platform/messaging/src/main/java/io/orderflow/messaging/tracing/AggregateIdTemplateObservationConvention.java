package io.orderflow.messaging.tracing;

import io.micrometer.common.KeyValues;

import org.springframework.kafka.support.micrometer.KafkaRecordSenderContext;
import org.springframework.kafka.support.micrometer.KafkaTemplateObservation.DefaultKafkaTemplateObservationConvention;

/**
 * spring-kafka's template observation, plus the aggregate id (the record key) on the
 * producer span, and the tags of spring-kafka's own template timer on the observation's
 * ({@link SpringKafkaTimerTags}).
 */
public class AggregateIdTemplateObservationConvention extends DefaultKafkaTemplateObservationConvention {

	private final AggregateCorrelations correlations;

	public AggregateIdTemplateObservationConvention(AggregateCorrelations correlations) {
		this.correlations = correlations;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(KafkaRecordSenderContext context) {
		return super.getLowCardinalityKeyValues(context)
			.and(SpringKafkaTimerTags.of(context.getBeanName(), context.getError()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(KafkaRecordSenderContext context) {
		KeyValues keyValues = super.getHighCardinalityKeyValues(context);
		return correlations.spanTagOf(context.getRecord().topic(), context.getRecord().key())
			.map(keyValues::and)
			.orElse(keyValues);
	}

}
