package io.orderflow.messaging.tracing;

import io.micrometer.tracing.Tracer;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Where the service has a tracer, the outbox carries the trace of the transaction that
 * wrote an event to the record the relay sends ({@link OutboxTraceContext}, injected into
 * {@code Outbox} and {@code OutboxRelay}). The Kafka observations themselves are switched
 * on in {@code MessagingAutoConfiguration}.
 */
@AutoConfiguration(
		afterName = { "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
				"org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration" })
@ConditionalOnClass(Tracer.class)
public class OutboxTracingAutoConfiguration {

	@Bean
	@ConditionalOnBean(Tracer.class)
	OutboxTraceContext outboxTraceContext(Tracer tracer) {
		return new TracerOutboxTraceContext(tracer);
	}

}
