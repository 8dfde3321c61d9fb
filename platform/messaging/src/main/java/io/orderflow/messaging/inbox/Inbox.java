package io.orderflow.messaging.inbox;

import java.util.Objects;

import io.orderflow.events.IntegrationEvent;
import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.messaging.consumer.PoisonEventException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Makes a consumer idempotent: remembers the id of every event whose effect was
 * committed, in the same transaction as that effect. Kafka delivers at least once; with
 * the inbox the effect happens exactly once.
 */
public class Inbox {

	private final JdbcClient jdbc;

	private final ConsumedEvents types;

	public Inbox(JdbcClient jdbc, ConsumedEvents types) {
		this.jdbc = jdbc;
		this.types = types;
	}

	/**
	 * Records the event as processed and tells whether this is its first delivery. Call
	 * it first in the transaction that applies the event's effect; when it answers
	 * {@code false}, skip the effect.
	 * @param recordKey the Kafka key, which must be the event's aggregate id (the order
	 * of one aggregate's events depends on it)
	 * @throws PoisonEventException when the key does not match the aggregate id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean isFirstDelivery(String recordKey, IntegrationEvent event) {
		requireKeyIsAggregateId(recordKey, event);
		int inserted = jdbc
			.sql("insert into inbox_message (event_id, event_type) values (?, ?) on conflict (event_id) do nothing")
			.params(event.eventId(), types.typeOf(event))
			.update();
		return inserted == 1;
	}

	/**
	 * Whether the event's effect is already committed. A cheap check before a remote
	 * call; the authoritative one is {@link #isFirstDelivery} in the transaction that
	 * commits the effect.
	 */
	public boolean wasProcessed(IntegrationEvent event) {
		return jdbc.sql("select exists (select 1 from inbox_message where event_id = ?)")
			.param(event.eventId())
			.query(Boolean.class)
			.single();
	}

	/**
	 * One aggregate's events keep their order (in orderflow, per-order order) only if
	 * every event is keyed by its aggregate id: anything else is poison.
	 * @throws PoisonEventException when the key does not match the aggregate id
	 */
	public static void requireKeyIsAggregateId(String recordKey, IntegrationEvent event) {
		if (!Objects.equals(recordKey, event.aggregateId().toString())) {
			throw new PoisonEventException("Record key '" + recordKey + "' is not the aggregate id "
					+ event.aggregateId() + " of event " + event.eventId());
		}
	}

}
