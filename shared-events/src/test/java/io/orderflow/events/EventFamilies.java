package io.orderflow.events;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one list of event families the contract tests iterate. {@code EventCatalogsTest}
 * fails when a sealed {@link IntegrationEvent} family exists that is not listed here, so
 * a new producer cannot slip past the checks.
 */
public final class EventFamilies {

	public static final List<EventCatalog<?>> CATALOGS = List.of(OrderEvent.CATALOG, PaymentEvent.CATALOG);

	private EventFamilies() {
	}

	/** Every registered wire type, sorted, with the catalog that owns it. */
	public static Map<String, EventCatalog<?>> catalogByType() {
		Map<String, EventCatalog<?>> byType = new TreeMap<>();
		for (EventCatalog<?> catalog : CATALOGS) {
			for (String type : catalog.types()) {
				if (byType.put(type, catalog) != null) {
					throw new IllegalStateException("Wire type registered in two catalogs: " + type);
				}
			}
		}
		return byType;
	}

	public static Class<?> classOf(String type) {
		EventCatalog<?> catalog = catalogByType().get(type);
		if (catalog == null) {
			throw new IllegalArgumentException("Not a registered wire type: " + type);
		}
		return catalog.classOf(type).orElseThrow();
	}

	public static String typeOf(IntegrationEvent event) {
		for (EventCatalog<?> catalog : CATALOGS) {
			if (catalog.family().isInstance(event)) {
				return catalog.typeOf(event);
			}
		}
		throw new IllegalArgumentException("No catalog for " + event.getClass());
	}

}
