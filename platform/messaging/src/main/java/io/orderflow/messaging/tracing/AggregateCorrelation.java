package io.orderflow.messaging.tracing;

import java.util.Optional;
import java.util.UUID;

import io.orderflow.events.EventCatalog;
import org.slf4j.MDC;

/**
 * How one aggregate is found again in traces and logs: spans about it carry its id under
 * {@link #spanTag()}, log lines under {@link #logKey()}. Both names are derived from the
 * aggregate's name in its family's {@link EventCatalog}, with no setting: orderflow's
 * order is {@code orderflow.order.id} and {@code orderId} (the names its dashboards,
 * alerts and log searches read), a fork's shipment {@code orderflow.shipment.id} and
 * {@code shipmentId}. Every record is keyed by its aggregate id, so a listener knows the
 * aggregate of the record it handles without reading the event.
 */
public final class AggregateCorrelation {

	private final String spanTag;

	private final String logKey;

	private AggregateCorrelation(String aggregate) {
		this.spanTag = "orderflow." + aggregate + ".id";
		this.logKey = aggregate + "Id";
	}

	/** The correlation of the aggregate every event of the family is about. */
	public static AggregateCorrelation of(EventCatalog<?> catalog) {
		return new AggregateCorrelation(catalog.aggregate());
	}

	/**
	 * The span tag (a high-cardinality key value) holding the aggregate id, e.g.
	 * {@code orderflow.order.id}.
	 */
	public String spanTag() {
		return spanTag;
	}

	/**
	 * The MDC key, and so the member of a JSON log line, holding the aggregate id, e.g.
	 * {@code orderId}.
	 */
	public String logKey() {
		return logKey;
	}

	/**
	 * The aggregate the current thread works on, as its log context says (a listener
	 * handling a record, a request).
	 */
	public Optional<String> current() {
		return Optional.ofNullable(MDC.get(logKey));
	}

	/**
	 * The aggregate id a record key stands for, in canonical form. Anything that is not a
	 * UUID is no aggregate id (such a record is poison), and is kept out of spans and
	 * logs: a key is input from outside.
	 */
	public static Optional<String> idOf(Object recordKey) {
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

}
