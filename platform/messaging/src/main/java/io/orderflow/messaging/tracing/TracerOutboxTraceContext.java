package io.orderflow.messaging.tracing;

import io.micrometer.tracing.CurrentTraceContext;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;

/**
 * {@link OutboxTraceContext} on Micrometer Tracing, whichever tracer bridges it.
 * Restoring makes the captured context current without starting a span of its own: the
 * send's producer span becomes its child directly.
 */
class TracerOutboxTraceContext implements OutboxTraceContext {

	private final Tracer tracer;

	TracerOutboxTraceContext(Tracer tracer) {
		this.tracer = tracer;
	}

	@Override
	public String capture() {
		TraceContext context = tracer.currentTraceContext().context();
		if (context == null) {
			return null;
		}
		return Traceparent.of(context.traceId(), context.spanId(), Boolean.TRUE.equals(context.sampled())).format();
	}

	@Override
	public Scope restore(String traceparent) {
		return Traceparent.parse(traceparent).map(this::makeCurrent).orElse(Scope.NOTHING);
	}

	private Scope makeCurrent(Traceparent parent) {
		TraceContext context = tracer.traceContextBuilder()
			.traceId(parent.traceId())
			.spanId(parent.spanId())
			.sampled(parent.sampled())
			.build();
		CurrentTraceContext.Scope scope = tracer.currentTraceContext().newScope(context);
		return scope::close;
	}

}
