package io.orderflow.notification.notifications;

/** Sends an email, a synchronous edge (adapter: {@code mail.SmtpMailer}). */
public interface Mailer {

	/**
	 * The name of this synchronous edge: its circuit breaker, bulkhead, metrics and
	 * settings.
	 */
	String EDGE = "mail-server";

	/**
	 * Offers the email to the mail server.
	 * @return what the server answered about this email; only {@link Delivery.Accepted}
	 * means it was sent
	 * @throws io.orderflow.messaging.consumer.DependencyUnavailableException when the
	 * server is down or will not take mail from us at all: an outage, which says nothing
	 * about this email
	 */
	Delivery send(Notification notification);

}
