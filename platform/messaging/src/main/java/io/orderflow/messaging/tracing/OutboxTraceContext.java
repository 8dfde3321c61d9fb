package io.orderflow.messaging.tracing;

/**
 * Carries a trace across the outbox. The relay sends a row from its own thread, long
 * after the transaction that wrote it, so the trace context of that transaction is stored
 * with the row ({@link #capture()}) and made current again around the send
 * ({@link #restore(String)}): the producer span and the record's {@code traceparent}
 * header continue the trace of the request that caused the event.
 */
public interface OutboxTraceContext {

	/**
	 * For a service without a tracer: rows carry no context and are sent outside any
	 * trace.
	 */
	OutboxTraceContext NONE = new OutboxTraceContext() {

		@Override
		public String capture() {
			return null;
		}

		@Override
		public Scope restore(String traceparent) {
			return Scope.NOTHING;
		}

	};

	/**
	 * The current trace context as a W3C {@code traceparent}, or {@code null} outside any
	 * trace.
	 */
	String capture();

	/**
	 * Makes a captured context current until the scope closes. Nothing changes for
	 * {@code null} (a row written outside any trace or before rows carried one) or for a
	 * value that is not a valid {@code traceparent}.
	 */
	Scope restore(String traceparent);

	/** Ends a restored context; closing never fails. */
	interface Scope extends AutoCloseable {

		Scope NOTHING = () -> {
		};

		@Override
		void close();

	}

}
