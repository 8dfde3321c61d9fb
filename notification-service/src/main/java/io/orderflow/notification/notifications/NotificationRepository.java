package io.orderflow.notification.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.events.order.OrderEvent;

/**
 * The emails about each order and where they stand (adapter:
 * {@code persistence.JdbcNotificationRepository}). An email is known by its order and
 * outcome, of which there is at most one.
 */
public interface NotificationRepository {

	/**
	 * Records the email as sent, before it is offered to the mail server in the same
	 * transaction; or takes back an {@link NotificationStatus#UNDELIVERABLE
	 * undeliverable} one (its dead letter was replayed) to try it again.
	 * @return false if this order's outcome is already sent or deferred: nothing to do
	 */
	boolean claim(Notification email);

	/**
	 * Whether an email about this order waits as deferred: a later one queues behind it,
	 * so they arrive in order.
	 */
	boolean hasDeferred(UUID orderId);

	/**
	 * Makes a claimed email deferred, with the event that asked for it and where it was
	 * read.
	 * @param attempts how often the mail server refused it so far: 1, or 0 for an email
	 * that waits behind another
	 * @param lastReply the server's refusal; {@code null} for an email that waits behind
	 * another
	 */
	void defer(Notification email, OrderEvent cause, EventPosition position, int attempts, Instant nextAttemptAt,
			String lastReply);

	/**
	 * Claims the deferred email that is due first, the oldest waiting of its order,
	 * locking it until the transaction ends; emails another instance holds are passed
	 * over, not waited for.
	 */
	Optional<DeferredEmail> claimNextDue(Instant now);

	void markSent(DeferredEmail email, Instant sentAt);

	void reschedule(DeferredEmail email, Instant nextAttemptAt);

	/**
	 * Gives the email up, and forgets that its event was processed: replaying the event's
	 * dead letter then claims the email anew ({@link #claim}).
	 */
	void markUndeliverable(DeferredEmail email);

	/**
	 * Records whose order it is, as its {@code OrderPlaced} said; the first word stays.
	 */
	void recordCustomer(UUID orderId, String customerId);

	/**
	 * The emails about the order, oldest first; none if the order is not the customer's
	 * (or its customer is not known).
	 */
	List<NotificationRecord> findByOrderId(UUID orderId, String customerId);

}
