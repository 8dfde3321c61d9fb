package io.orderflow.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every message on an orderflow topic carries.
 *
 * <p>
 * The aggregate id is also the Kafka record key, so all events about one aggregate (in
 * orderflow, one order) land on one partition and keep their order (property I3,
 * docs/architecture.md). The event id is what idempotent consumers remember (I2). Each
 * family names its aggregate in its {@link EventCatalog} and says which of its fields is
 * the aggregate id.
 */
public interface IntegrationEvent {

	/** Unique per event; a redelivered event keeps its id. */
	UUID eventId();

	/** When the fact happened at the producer. */
	Instant occurredAt();

	/**
	 * The aggregate this fact is about: the Kafka record key and the CloudEvents
	 * {@code subject}.
	 */
	UUID aggregateId();

}
