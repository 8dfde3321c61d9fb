package io.orderflow.notification.notifications.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.messaging.EventJson;
import io.orderflow.notification.notifications.DeferredEmail;
import io.orderflow.notification.notifications.EventPosition;
import io.orderflow.notification.notifications.Notification;
import io.orderflow.notification.notifications.NotificationRecord;
import io.orderflow.notification.notifications.NotificationRepository;
import io.orderflow.notification.notifications.NotificationStatus;
import io.orderflow.notification.notifications.Outcome;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Emails in PostgreSQL, one row per order and outcome; a deferred one keeps the order
 * event that asked for it, as its producer published it (wire type, JSON by the shared
 * {@link EventJson}), to be dead-lettered whole.
 */
@Repository
class JdbcNotificationRepository implements NotificationRepository {

	private static final String EMAIL_COLUMNS = "order_id, outcome, recipient, subject, body, event_id, composed_at";

	private final JdbcClient jdbc;

	private final EventJson json;

	JdbcNotificationRepository(JdbcClient jdbc, EventJson json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	@Override
	public boolean claim(Notification n) {
		boolean inserted = jdbc
			.sql("""
					insert into notification (order_id, outcome, recipient, subject, body, message_id, event_id, composed_at,
					    status, sent_at, attempts)
					values (?, ?, ?, ?, ?, ?, ?, ?, 'SENT', ?, 1) on conflict (order_id, outcome) do nothing""")
			.params(n.orderId(), n.outcome().name(), n.recipient(), n.subject(), n.body(), n.messageId(), n.eventId(),
					Timestamp.from(n.sentAt()), Timestamp.from(n.sentAt()))
			.update() == 1;
		// only an undeliverable email is taken back; a sent or deferred one is not waited
		// for (no lock on it)
		return inserted || jdbc.sql("""
				update notification set recipient = ?, subject = ?, body = ?, event_id = ?, composed_at = ?,
				    status = 'SENT', sent_at = ?, attempts = 1, next_attempt_at = null, last_reply = null
				where order_id = ? and outcome = ? and status = 'UNDELIVERABLE'""")
			.params(n.recipient(), n.subject(), n.body(), n.eventId(), Timestamp.from(n.sentAt()),
					Timestamp.from(n.sentAt()), n.orderId(), n.outcome().name())
			.update() == 1;
	}

	@Override
	public boolean hasDeferred(UUID orderId) {
		return jdbc.sql("select exists (select 1 from notification where order_id = ? and status = 'DEFERRED')")
			.param(orderId)
			.query(Boolean.class)
			.single();
	}

	@Override
	public void defer(Notification n, OrderEvent event, EventPosition position, int attempts, Instant nextAttemptAt,
			String lastReply) {
		jdbc.sql("""
				update notification set status = 'DEFERRED', sent_at = null, attempts = ?, next_attempt_at = ?,
				    last_reply = ?, event_type = ?, event_payload = ?, event_occurred_at = ?, event_partition = ?,
				    event_offset = ?
				where order_id = ? and outcome = ?""")
			.params(attempts, Timestamp.from(nextAttemptAt), lastReply, OrderEvent.CATALOG.typeOf(event),
					json.write(event), Timestamp.from(event.occurredAt()), position.partition(), position.offset(),
					n.orderId(), n.outcome().name())
			.update();
	}

	/**
	 * {@code skip locked}: an email another instance is sending is passed over, and so,
	 * through {@code not exists}, is every later email of the same order, which waits for
	 * it.
	 */
	@Override
	public Optional<DeferredEmail> claimNextDue(Instant now) {
		return jdbc
			.sql("""
					select %s, attempts, last_reply, event_type, event_payload, event_occurred_at, event_partition,
					    event_offset
					from notification n
					where status = 'DEFERRED' and next_attempt_at <= ?
					  and not exists (select 1 from notification earlier
					                  where earlier.order_id = n.order_id and earlier.status = 'DEFERRED' and earlier.id < n.id)
					order by next_attempt_at
					limit 1
					for update skip locked"""
				.formatted(EMAIL_COLUMNS))
			.param(Timestamp.from(now))
			.query((rs, row) -> new DeferredEmail(email(rs), rs.getInt("attempts"), rs.getString("last_reply"),
					new DeferredEmail.CausingEvent(rs.getString("event_type"), rs.getBytes("event_payload"),
							rs.getTimestamp("event_occurred_at").toInstant(), rs.getInt("event_partition"),
							rs.getLong("event_offset"))))
			.optional();
	}

	@Override
	public void markSent(DeferredEmail email, Instant sentAt) {
		update(email, """
				update notification set status = 'SENT', sent_at = ?, attempts = ?, next_attempt_at = null,
				    last_reply = null
				where order_id = ? and outcome = ?""", Timestamp.from(sentAt), email.attempts());
	}

	@Override
	public void reschedule(DeferredEmail email, Instant nextAttemptAt) {
		update(email, """
				update notification set attempts = ?, next_attempt_at = ?, last_reply = ?
				where order_id = ? and outcome = ?""", email.attempts(), Timestamp.from(nextAttemptAt),
				email.lastReply());
	}

	/**
	 * Deletes the event's row of platform/messaging's inbox ({@code inbox_message}): the
	 * only way to forget an event, in the transaction that gives its email up, so that
	 * the replayed dead letter counts as a first delivery.
	 */
	@Override
	public void markUndeliverable(DeferredEmail email) {
		update(email, """
				update notification set status = 'UNDELIVERABLE', attempts = ?, next_attempt_at = null, last_reply = ?
				where order_id = ? and outcome = ?""", email.attempts(), email.lastReply());
		jdbc.sql("delete from inbox_message where event_id = ?").param(email.email().eventId()).update();
	}

	@Override
	public void recordCustomer(UUID orderId, String customerId) {
		jdbc.sql("insert into order_customer (order_id, customer_id) values (?, ?) on conflict (order_id) do nothing")
			.params(orderId, customerId)
			.update();
	}

	@Override
	public List<NotificationRecord> findByOrderId(UUID orderId, String customerId) {
		return jdbc
			.sql("""
					select %s, status, attempts, sent_at, next_attempt_at, last_reply
					from notification
					where order_id = ?
					  and exists (select 1 from order_customer o where o.order_id = notification.order_id and o.customer_id = ?)
					order by id"""
				.formatted(EMAIL_COLUMNS))
			.params(orderId, customerId)
			.query((rs, row) -> new NotificationRecord(email(rs), NotificationStatus.valueOf(rs.getString("status")),
					rs.getInt("attempts"), instant(rs, "sent_at"), instant(rs, "next_attempt_at"),
					rs.getString("last_reply")))
			.list();
	}

	/**
	 * Runs an update of the email's row: the values, then its order and outcome for the
	 * {@code where} clause.
	 */
	private void update(DeferredEmail email, String sql, Object... values) {
		Object[] params = new Object[values.length + 2];
		System.arraycopy(values, 0, params, 0, values.length);
		params[values.length] = email.email().orderId();
		params[values.length + 1] = email.email().outcome().name();
		jdbc.sql(sql).params(params).update();
	}

	private static Notification email(ResultSet rs) throws SQLException {
		return new Notification(rs.getObject("order_id", UUID.class), Outcome.valueOf(rs.getString("outcome")),
				rs.getString("recipient"), rs.getString("subject"), rs.getString("body"),
				rs.getObject("event_id", UUID.class), rs.getTimestamp("composed_at").toInstant());
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return timestamp == null ? null : timestamp.toInstant();
	}

}
