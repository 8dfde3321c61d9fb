package io.orderflow.notification.notifications;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The emails this instance sent whose record was then rolled back: the database went away
 * between the SMTP server's answer and the commit. The event comes back (its offset was
 * not committed either), or the deferred email is due again, and the email is then
 * recorded without being sent a second time.
 *
 * <p>
 * Memory only, on purpose: it closes the window for a database outage or a failed commit,
 * which the instance survives. A crash of this instance in that same instant remains the
 * one case of a repeated email, folded by mail clients through the deterministic
 * {@code Message-ID} (see docs/faults.md, faults 2 and 9); so does a deferred email that
 * another instance claims before this one does again.
 */
@Component
class SentButUncommittedEmails {

	private static final Logger log = LoggerFactory.getLogger(SentButUncommittedEmails.class);

	/**
	 * Far more than can be in flight between a send and its commit; the oldest are
	 * forgotten first.
	 */
	private static final int CAPACITY = 10_000;

	private final Set<String> messageIds = Collections
		.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<String, Boolean>() {
			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
				return size() > CAPACITY;
			}
		}));

	/**
	 * Sends the email unless this instance already sent it in a transaction that rolled
	 * back (then it answers {@link Delivery#ACCEPTED} without sending); must run inside
	 * the transaction that records the answer. Only an email the server accepted is
	 * remembered: a refused one was not sent.
	 */
	Delivery sendOnce(Notification notification, Mailer mailer) {
		String messageId = notification.messageId();
		Delivery delivery;
		if (!messageIds.contains(messageId)) {
			delivery = mailer.send(notification);
		}
		else {
			log.info("Email {} left in a transaction that rolled back; recording it without sending it again",
					messageId);
			delivery = Delivery.ACCEPTED;
		}
		if (delivery instanceof Delivery.Accepted) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCompletion(int status) {
					if (status == STATUS_COMMITTED) {
						messageIds.remove(messageId);
					}
					else {
						messageIds.add(messageId);
					}
				}
			});
		}
		return delivery;
	}

}
