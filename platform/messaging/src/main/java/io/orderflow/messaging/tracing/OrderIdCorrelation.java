package io.orderflow.messaging.tracing;

import java.util.Optional;
import java.util.UUID;

import org.slf4j.MDC;

/**
 * How one order is found again in traces and logs: spans about an order carry its id under {@link #SPAN_TAG}, log
 * lines under {@link #LOG_KEY}. Every orderflow record is keyed by its order id, so a listener knows the order of
 * the record it handles without reading the event.
 */
public final class OrderIdCorrelation {

	/** The span tag (a high-cardinality key value) holding the order id. */
	public static final String SPAN_TAG = "orderflow.order.id";

	/** The MDC key, and so the member of a JSON log line, holding the order id. */
	public static final String LOG_KEY = "orderId";

	private OrderIdCorrelation() {
	}

	/**
	 * The order id a record key stands for, in canonical form. Anything that is not a UUID is no order id (such a
	 * record is poison), and is kept out of spans and logs: a key is input from outside.
	 */
	public static Optional<String> orderIdOf(Object recordKey) {
		if (!(recordKey instanceof String key) || key.length() > 36) {
			return Optional.empty();
		}
		try {
			return Optional.of(UUID.fromString(key).toString());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	/** The order the current thread works on, as its log context says (a listener handling a record, a request). */
	public static Optional<String> current() {
		return Optional.ofNullable(MDC.get(LOG_KEY));
	}

}
