package io.orderflow.messaging.tracing;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Every line a listener logs while it handles a record names the record's order ({@link OrderIdInLogContext}),
 * tracer or not: it follows the listener observation that {@code MessagingAutoConfiguration} switches on.
 */
@AutoConfiguration
public class OrderIdLoggingAutoConfiguration {

	@Bean
	OrderIdInLogContext orderIdInLogContext() {
		return new OrderIdInLogContext();
	}

}
