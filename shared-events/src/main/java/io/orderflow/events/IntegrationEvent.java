package io.orderflow.events;

import java.time.Instant;
import java.util.UUID;

/**
 * What every message on an orderflow topic carries.
 *
 * <p>The order id is also the Kafka record key, so all events about one order land on one partition and
 * keep their order (property I3). The event id is what idempotent consumers remember (I2).
 */
public interface IntegrationEvent {

	/** Unique per event; a redelivered event keeps its id. */
	UUID eventId();

	/** When the fact happened at the producer. */
	Instant occurredAt();

	/** The order this fact is about; also the Kafka key and the CloudEvents {@code subject}. */
	UUID orderId();

}
