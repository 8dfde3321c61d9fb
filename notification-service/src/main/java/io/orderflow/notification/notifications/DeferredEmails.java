package io.orderflow.notification.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import io.orderflow.messaging.consumer.DependencyUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends deferred emails again when they are due, on the budget of
 * {@link MailRetryProperties}, each in its own transaction that holds the email's row:
 * several instances share the work without sending one email twice.
 *
 * <ul>
 * <li><b>Accepted:</b> the email is {@link NotificationStatus#SENT sent}, with its
 * original {@code Message-ID}.</li>
 * <li><b>Refused again for now:</b> it waits longer, until the budget is spent.</li>
 * <li><b>Budget spent, or refused for good:</b> the order event that asked for it is
 * dead-lettered with the reason (recipient, last reply, budget), and only once Kafka
 * acknowledged that is the email recorded as {@link NotificationStatus#UNDELIVERABLE
 * undeliverable} and its event forgotten by the inbox, so replaying the dead letter tries
 * again. A commit that fails after the dead letter was published leaves the email
 * deferred, and it is dead-lettered again: at least once, harmless since replaying is
 * idempotent.</li>
 * <li><b>Mail server down:</b> nothing changes and the round ends; the budget is not
 * spent, since an outage says nothing about the recipient. The consumer pauses meanwhile
 * through the same circuit breaker.</li>
 * </ul>
 */
@Service
public class DeferredEmails {

	private static final Logger log = LoggerFactory.getLogger(DeferredEmails.class);

	private final NotificationRepository notifications;

	private final Mailer mailer;

	private final SentButUncommittedEmails sentButUncommitted;

	private final UndeliverableEmails undeliverable;

	private final MailRetryProperties retry;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public DeferredEmails(NotificationRepository notifications, Mailer mailer,
			SentButUncommittedEmails sentButUncommitted, UndeliverableEmails undeliverable, MailRetryProperties retry,
			TransactionTemplate transactions, Clock clock) {
		this.notifications = notifications;
		this.mailer = mailer;
		this.sentButUncommitted = sentButUncommitted;
		this.undeliverable = undeliverable;
		this.retry = retry;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Tries every deferred email that is due, until none is left or the mail server, the
	 * database or Kafka fails.
	 * @return how many were tried
	 */
	public int retryDue() {
		int tried = 0;
		try {
			while (Boolean.TRUE.equals(transactions.execute(tx -> retryNext()))) {
				tried++;
			}
		}
		catch (DependencyUnavailableException ex) {
			log.info("Deferred emails wait for the mail server: {}", ex.getMessage());
		}
		catch (RuntimeException ex) {
			log.warn("Retrying deferred emails stopped for this round: {}", ex.toString());
		}
		return tried;
	}

	private boolean retryNext() {
		var due = notifications.claimNextDue(clock.instant());
		if (due.isEmpty()) {
			return false;
		}
		DeferredEmail email = due.get();
		Delivery delivery = sentButUncommitted.sendOnce(email.email(), mailer);
		Instant now = clock.instant();
		switch (delivery) {
			case Delivery.Accepted accepted -> notifications.markSent(email.accepted(), now);
			case Delivery.Deferred deferred -> {
				DeferredEmail refused = email.refused(deferred.reply());
				retry.pauseAfter(refused.attempts())
					.ifPresentOrElse(pause -> notifications.reschedule(refused, now.plus(pause)), () -> giveUp(refused,
							"kept refusing the recipient for the whole retry budget of " + readable(retry.budget())));
			}
			case Delivery.Refused refused -> giveUp(email.refused(refused.reply()), "refused the recipient for good");
		}
		return true;
	}

	private void giveUp(DeferredEmail email, String why) {
		Notification notification = email.email();
		String reason = "Undeliverable email " + notification.messageId() + " to " + notification.recipient()
				+ ": the mail server " + why + " (" + email.attempts() + " attempts); last reply: " + email.lastReply();
		undeliverable.deadLetter(email, reason);
		notifications.markUndeliverable(email);
		log.warn("{}; its event is dead-lettered", reason);
	}

	/** {@code 10m}, {@code 1m30s}, {@code 4s}: as the budget is configured. */
	static String readable(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
