package io.orderflow.messaging.evolution;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Today's version of the event: {@code trackingUrl} and {@code expectedDays}, and each
 * parcel's {@code weightKg}, were added as optional fields after {@link Before} records
 * had been published.
 */
record ShipmentDispatched(UUID eventId, Instant occurredAt, UUID shipmentId, String carrier, List<Parcel> parcels,
		@Nullable String trackingUrl, @Nullable Integer expectedDays) implements ShipmentEvent {

	record Parcel(String label, @Nullable BigDecimal weightKg) {
	}

	/**
	 * The event as it was first published, before the optional fields: what wrote the old
	 * fixtures.
	 */
	record Before(UUID eventId, Instant occurredAt, UUID shipmentId, String carrier,
			List<ParcelBefore> parcels) implements io.orderflow.events.IntegrationEvent {

		@Override
		public UUID aggregateId() {
			return shipmentId;
		}

		record ParcelBefore(String label) {
		}

	}

}
