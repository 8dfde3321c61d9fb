package io.orderflow.notification.notifications;

import java.time.Instant;

/**
 * An email waiting to be sent again, claimed by one instance until its transaction ends.
 *
 * @param email what to send, with its original {@code Message-ID} and date
 * @param attempts how often the mail server answered about it so far, all refusals
 * @param lastReply the server's last refusal; {@code null} for an email that has only
 * waited behind an earlier one
 * @param cause the order event that asked for the email, as it came from Kafka, to
 * dead-letter it whole
 */
public record DeferredEmail(Notification email, int attempts, String lastReply, CausingEvent cause) {

	/** The same email, refused once more with this reply. */
	DeferredEmail refused(String reply) {
		return new DeferredEmail(email, attempts + 1, reply, cause);
	}

	/** The same email, accepted at the latest attempt. */
	DeferredEmail accepted() {
		return new DeferredEmail(email, attempts + 1, null, cause);
	}

	/**
	 * The order event behind a deferred email, as its producer published it: its wire
	 * type and JSON payload (the key is the order id, the {@code ce_id} the email's event
	 * id), and where the consumer read it.
	 */
	public record CausingEvent(String type, byte[] payload, Instant occurredAt, int partition, long offset) {
	}

}
