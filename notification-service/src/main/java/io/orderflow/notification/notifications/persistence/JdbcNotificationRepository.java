package io.orderflow.notification.notifications.persistence;

import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;

import io.orderflow.notification.notifications.Notification;
import io.orderflow.notification.notifications.NotificationRepository;
import io.orderflow.notification.notifications.Outcome;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Sent notifications in PostgreSQL; (order, outcome) is unique. */
@Repository
class JdbcNotificationRepository implements NotificationRepository {

	private final JdbcClient jdbc;

	JdbcNotificationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean insert(Notification n) {
		return jdbc.sql("""
				insert into notification (order_id, outcome, recipient, subject, body, message_id, event_id, sent_at)
				values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (order_id, outcome) do nothing""")
			.params(n.orderId(), n.outcome().name(), n.recipient(), n.subject(), n.body(), n.messageId(), n.eventId(),
					Timestamp.from(n.sentAt()))
			.update() == 1;
	}

	@Override
	public List<Notification> findByOrderId(UUID orderId) {
		return jdbc.sql("""
				select order_id, outcome, recipient, subject, body, event_id, sent_at
				from notification where order_id = ? order by sent_at, id""")
			.param(orderId)
			.query((rs, n) -> new Notification(rs.getObject("order_id", UUID.class),
					Outcome.valueOf(rs.getString("outcome")), rs.getString("recipient"), rs.getString("subject"),
					rs.getString("body"), rs.getObject("event_id", UUID.class), rs.getTimestamp("sent_at").toInstant()))
			.list();
	}

}
