package io.orderflow.notification.notifications;

/**
 * Hands an email that cannot be delivered to an operator: the order event that asked for
 * it goes to the consumer group's dead-letter topic, with the reason, where it is
 * inspected and replayed like every other dead letter (adapter:
 * {@code messaging.EmailDeadLetters}).
 */
public interface UndeliverableEmails {

	/**
	 * Publishes the dead letter and waits for Kafka's acknowledgement.
	 * @throws RuntimeException when Kafka did not acknowledge it: nothing may then be
	 * recorded as dead-lettered
	 */
	void deadLetter(DeferredEmail email, String reason);

}
