package io.orderflow.notification.notifications;

import java.time.Instant;

/**
 * One email about an order as the service knows it.
 *
 * @param email what is (or was to be) sent
 * @param status sent, deferred or undeliverable
 * @param attempts how often the mail server answered about it (outages do not count)
 * @param sentAt when the server accepted it; {@code null} until then
 * @param nextAttemptAt when a deferred email is sent again; {@code null} otherwise
 * @param lastReply the server's last refusal of an email not sent; {@code null} once sent
 */
public record NotificationRecord(Notification email, NotificationStatus status, int attempts, Instant sentAt,
		Instant nextAttemptAt, String lastReply) {
}
