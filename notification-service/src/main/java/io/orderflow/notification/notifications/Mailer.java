package io.orderflow.notification.notifications;

/** Sends an email, a synchronous edge (adapter: {@code mail.SmtpMailer}). */
public interface Mailer {

	/** The name of this synchronous edge: its circuit breaker, bulkhead, metrics and settings. */
	String EDGE = "mail-server";

	void send(Notification notification);

}
