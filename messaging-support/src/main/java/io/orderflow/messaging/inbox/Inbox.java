package io.orderflow.messaging.inbox;

import java.util.Objects;

import io.orderflow.events.IntegrationEvent;
import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.messaging.consumer.PoisonEventException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a consumer idempotent: remembers the id of every event whose effect was committed, in the same
 * transaction as that effect. Kafka delivers at least once; with the inbox the effect happens exactly once.
 */
public class Inbox {

	private final JdbcClient jdbc;

	private final ConsumedEvents types;

	public Inbox(JdbcClient jdbc, ConsumedEvents types) {
		this.jdbc = jdbc;
		this.types = types;
	}

	/**
	 * Records the event as processed and tells whether this is its first delivery. Call it first in the
	 * transaction that applies the event's effect; when it answers {@code false}, skip the effect.
	 * @param recordKey the Kafka key, which must be the event's order id (per-order ordering depends on it)
	 * @throws PoisonEventException when the key does not match the order id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean isFirstDelivery(String recordKey, IntegrationEvent event) {
		if (!Objects.equals(recordKey, event.orderId().toString())) {
			throw new PoisonEventException("Record key '" + recordKey + "' is not the order id " + event.orderId()
					+ " of event " + event.eventId());
		}
		int inserted = jdbc
			.sql("insert into inbox_message (event_id, event_type) values (?, ?) on conflict (event_id) do nothing")
			.params(event.eventId(), types.typeOf(event))
			.update();
		return inserted == 1;
	}

}
