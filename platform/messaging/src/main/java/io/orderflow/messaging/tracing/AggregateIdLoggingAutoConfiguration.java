package io.orderflow.messaging.tracing;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every line a listener logs while it handles a record names the record's aggregate
 * ({@link AggregateIdInLogContext}), tracer or not: it follows the listener observation
 * that {@code MessagingAutoConfiguration} switches on, and the
 * {@link AggregateCorrelations} that configuration derives from the service's event
 * families.
 */
@AutoConfiguration(afterName = "io.orderflow.messaging.MessagingAutoConfiguration")
public class AggregateIdLoggingAutoConfiguration {

	@Bean
	AggregateIdInLogContext aggregateIdInLogContext(AggregateCorrelations correlations) {
		return new AggregateIdInLogContext(correlations);
	}

}
