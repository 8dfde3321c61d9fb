package io.orderflow.notification.notifications;

/** Sends an email, a synchronous edge (adapter: {@code mail.SmtpMailer}). */
public interface Mailer {

	void send(Notification notification);

}
