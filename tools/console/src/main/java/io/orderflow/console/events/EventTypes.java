package io.orderflow.console.events;

import java.util.Map;
import java.util.Optional;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.order.OrderCancellationRequested;
import io.orderflow.events.order.OrderCancelled;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.order.OrderRejected;
import io.orderflow.events.payment.PaymentEvent;

/**
 * What the console knows about wire types, taken from the producers' catalogs in
 * shared-events rather than from a list of its own, so a new event type shows up with its
 * name without a change here.
 */
final class EventTypes {

	private static final Map<Class<?>, OrderState> ANNOUNCES = Map.of(OrderPlaced.class, OrderState.PENDING,
			OrderConfirmed.class, OrderState.CONFIRMED, OrderRejected.class, OrderState.REJECTED,
			OrderCancellationRequested.class, OrderState.CANCELLATION_REQUESTED, OrderCancelled.class,
			OrderState.CANCELLED, OrderExpired.class, OrderState.EXPIRED);

	private EventTypes() {
	}

	/**
	 * @param name the record's simple name, e.g. {@code OrderPlaced}
	 * @param producer the producing service, from the catalog's CloudEvents source
	 * @param announces the order state the event announces, or {@code null} for payment
	 * events
	 */
	record Known(String name, String producer, OrderState announces, boolean placed) {
	}

	static Optional<Known> of(String type) {
		if (type == null) {
			return Optional.empty();
		}
		return known(OrderEvent.CATALOG, type).or(() -> known(PaymentEvent.CATALOG, type));
	}

	/** The topics the producers publish their families on. */
	static boolean isEventTopic(String topic) {
		return OrderEvent.TOPIC.equals(topic) || PaymentEvent.TOPIC.equals(topic);
	}

	private static Optional<Known> known(EventCatalog<?> catalog, String type) {
		String producer = catalog.source().substring(catalog.source().lastIndexOf('/') + 1);
		return catalog.classOf(type)
			.map(eventClass -> new Known(eventClass.getSimpleName(), producer, ANNOUNCES.get(eventClass),
					eventClass == OrderPlaced.class));
	}

}
