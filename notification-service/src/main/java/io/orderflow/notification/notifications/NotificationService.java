package io.orderflow.notification.notifications;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.messaging.consumer.PoisonEventException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Emails each outcome of an order exactly once. The event id (inbox, claimed by the
 * listener adapter) and the order+outcome (unique row) are recorded in the transaction
 * that sends the email: if the mail server is down, nothing is recorded and the event is
 * retried; if it accepts the email, a redelivered event finds the record and sends
 * nothing. An email sent in a transaction that then failed to commit is not sent again
 * ({@link SentButUncommittedEmails}).
 *
 * <p>
 * What the server says about one email never holds up the others. A recipient refused for
 * now (a greylisting {@code 450}) makes the email {@link NotificationStatus#DEFERRED
 * deferred}, recorded with the inbox row in the same transaction, and the partition moves
 * on at once; {@link DeferredEmails} sends it again later. A recipient refused for good
 * is poison: the event goes to the dead-letter topic with the server's reply.
 */
@Service
public class NotificationService {

	private final NotificationRepository notifications;

	private final Mailer mailer;

	private final SentButUncommittedEmails sentButUncommitted;

	private final MailRetryProperties retry;

	private final Clock clock;

	public NotificationService(NotificationRepository notifications, Mailer mailer,
			SentButUncommittedEmails sentButUncommitted, MailRetryProperties retry, Clock clock) {
		this.notifications = notifications;
		this.mailer = mailer;
		this.sentButUncommitted = sentButUncommitted;
		this.retry = retry;
		this.clock = clock;
	}

	/**
	 * Whether the event is an outcome the customer is emailed about; any other event is
	 * passed over.
	 */
	public boolean emailsAbout(OrderEvent event) {
		return Emails.compose(event, clock.instant()).isPresent();
	}

	/**
	 * Emails the outcome, in the transaction in which the listener adapter claimed the
	 * event.
	 * @param position where the event was read, kept with the email if it is deferred
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(OrderEvent event, EventPosition position) {
		var composed = Emails.compose(event, clock.instant());
		if (composed.isEmpty()) {
			return;
		}
		Notification email = composed.get();
		if (!notifications.claim(email)) {
			return;
		}
		if (notifications.hasDeferred(email.orderId())) {
			// the customer reads an order's emails in the order of its outcomes
			notifications.defer(email, event, position, 0, clock.instant(), null);
			return;
		}
		switch (sentButUncommitted.sendOnce(email, mailer)) {
			case Delivery.Accepted accepted -> {
				// claimed as sent already
			}
			case Delivery.Deferred deferred -> {
				Instant now = clock.instant();
				notifications.defer(email, event, position, 1, now.plus(retry.pauseAfter(1).orElseThrow()),
						deferred.reply());
			}
			case Delivery.Refused refused -> throw new PoisonEventException(
					"The mail server refused the email to " + email.recipient() + ": " + refused.reply());
		}
	}

	/**
	 * Keeps whose order it is: only that customer reads the emails about it. An outcome
	 * names the recipient, not the customer.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void on(OrderPlaced placed) {
		notifications.recordCustomer(placed.orderId(), placed.customerId());
	}

	/** The emails about the customer's order; none about someone else's. */
	@Transactional(readOnly = true)
	public List<NotificationRecord> about(UUID orderId, String customerId) {
		return notifications.findByOrderId(orderId, customerId);
	}

}
