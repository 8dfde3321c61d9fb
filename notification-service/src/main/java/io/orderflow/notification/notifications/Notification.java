package io.orderflow.notification.notifications;

import java.time.Instant;
import java.util.UUID;

/**
 * One email about one outcome of one order. The message id is derived from both, so even
 * a mail client sees a repeated delivery as the same message.
 */
public record Notification(UUID orderId, Outcome outcome, String recipient, String subject, String body, UUID eventId,
		Instant sentAt) {

	public String messageId() {
		return "<" + orderId + "." + outcome.name().toLowerCase() + "@orderflow>";
	}

}
