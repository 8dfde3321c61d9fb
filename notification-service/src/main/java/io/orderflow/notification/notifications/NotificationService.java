package io.orderflow.notification.notifications;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.messaging.inbox.Inbox;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emails each outcome of an order exactly once. The event id (inbox) and the order+outcome (unique row) are
 * recorded in the transaction that sends the email: if sending fails, nothing is recorded and the event is
 * retried; if it succeeds, a redelivered event finds the record and sends nothing. An email sent in a transaction
 * that then failed to commit is not sent again ({@link SentButUncommittedEmails}).
 */
@Service
public class NotificationService {

	private final NotificationRepository notifications;

	private final Mailer mailer;

	private final Inbox inbox;

	private final SentButUncommittedEmails sentButUncommitted;

	private final Clock clock;

	public NotificationService(NotificationRepository notifications, Mailer mailer, Inbox inbox,
			SentButUncommittedEmails sentButUncommitted, Clock clock) {
		this.notifications = notifications;
		this.mailer = mailer;
		this.inbox = inbox;
		this.sentButUncommitted = sentButUncommitted;
		this.clock = clock;
	}

	@Transactional
	public void on(String recordKey, OrderEvent event) {
		var email = Emails.compose(event, clock.instant());
		if (email.isEmpty()) {
			Inbox.requireKeyIsOrderId(recordKey, event);
			return;
		}
		if (inbox.isFirstDelivery(recordKey, event) && notifications.insert(email.get())) {
			sentButUncommitted.sendOnce(email.get(), mailer);
		}
	}

	@Transactional(readOnly = true)
	public List<Notification> sentFor(UUID orderId) {
		return notifications.findByOrderId(orderId);
	}

}
