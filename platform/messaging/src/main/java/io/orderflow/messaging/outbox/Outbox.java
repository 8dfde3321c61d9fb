package io.orderflow.messaging.outbox;

import java.sql.Timestamp;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.tracing.OutboxTraceContext;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The only way an event leaves a service: written in the transaction that changes the
 * state it announces (properties I4 and I5, docs/architecture.md), relayed to Kafka by
 * {@link OutboxRelay} after that transaction commits.
 *
 * <p>
 * Callers must lock the aggregate the event is about before calling this (an update of
 * its row does), so that the outbox ids of one aggregate are allocated in commit order
 * and the relay keeps them in order (I3). The record key is the event's aggregate id.
 */
public class Outbox {

	private final JdbcClient jdbc;

	private final EventJson json;

	private final OutboxRelay relay;

	private final OutboxTraceContext traceContext;

	/**
	 * @param traceContext where the service has a tracer, each row remembers the trace of
	 * the transaction that wrote it; {@link OutboxTraceContext#NONE} otherwise
	 */
	public Outbox(JdbcClient jdbc, EventJson json, OutboxRelay relay, OutboxTraceContext traceContext) {
		this.jdbc = jdbc;
		this.json = json;
		this.relay = relay;
		this.traceContext = traceContext;
	}

	/**
	 * Stages an event of the given family for publication when the current transaction
	 * commits.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public <E extends IntegrationEvent> void add(EventCatalog<E> catalog, E event) {
		jdbc.sql("""
				insert into outbox_message (event_id, topic, message_key, event_type, source, occurred_at, payload,
				    traceparent)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(event.eventId(), catalog.topic(), event.aggregateId().toString(), catalog.typeOf(event),
					catalog.source(), Timestamp.from(event.occurredAt()), json.write(event), traceContext.capture())
			.update();
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				relay.wakeUp();
			}
		});
	}

}
