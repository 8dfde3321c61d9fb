package io.orderflow.messaging.evolution;

import java.util.UUID;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;

/**
 * A test-only event family, evolved the way the rulebook allows
 * ({@code docs/event-evolution.md}): its {@link ShipmentDispatched} gained optional
 * fields after records of it were published. The records written before are fixtures in
 * {@code src/test/resources/evolution}. Its aggregate is a shipment, not an order: the
 * messaging library reads a fork's family as it reads orderflow's.
 */
public sealed interface ShipmentEvent extends IntegrationEvent permits ShipmentDispatched {

	String TOPIC = "orderflow.shipment.events";

	EventCatalog<ShipmentEvent> CATALOG = EventCatalog
		.of(ShipmentEvent.class, "shipment", TOPIC, "/orderflow/shipment-service")
		.with("orderflow.shipment.dispatched.v1", ShipmentDispatched.class);

	/** The shipment this fact is about. */
	UUID shipmentId();

	@Override
	default UUID aggregateId() {
		return shipmentId();
	}

}
