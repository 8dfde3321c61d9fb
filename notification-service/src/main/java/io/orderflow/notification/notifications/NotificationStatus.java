package io.orderflow.notification.notifications;

/** Where an email stands. */
public enum NotificationStatus {

	/** The mail server accepted it. */
	SENT,

	/**
	 * The mail server refused its recipient for now, or an earlier email about the same
	 * order is still waiting: it is sent again later, within the retry budget
	 * ({@link MailRetryProperties}).
	 */
	DEFERRED,

	/**
	 * Never sent: the server refused it for good, or for longer than the retry budget.
	 * Its event is in the dead-letter topic; replaying it tries again.
	 */
	UNDELIVERABLE

}
