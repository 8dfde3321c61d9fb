package io.orderflow.messaging.evolution;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;

/**
 * A test-only event family, evolved the way the rulebook allows ({@code docs/event-evolution.md}): its
 * {@link ShipmentDispatched} gained optional fields after records of it were published. The records written before
 * are fixtures in {@code src/test/resources/evolution}.
 */
sealed interface ShipmentEvent extends IntegrationEvent permits ShipmentDispatched {

	String TOPIC = "orderflow.shipment.events";

	EventCatalog<ShipmentEvent> CATALOG = EventCatalog.of(ShipmentEvent.class, TOPIC, "/orderflow/shipment-service")
		.with("orderflow.shipment.dispatched.v1", ShipmentDispatched.class);

}
