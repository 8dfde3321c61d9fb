package io.orderflow.notification.notifications.mail;

import io.orderflow.messaging.consumer.DependencyUnavailableException;
import io.orderflow.notification.notifications.Notification;

/**
 * The mail server cannot be reached or does not answer: the email waits in Kafka until it
 * is back.
 */
public class MailServerUnavailableException extends DependencyUnavailableException {

	MailServerUnavailableException(Notification notification, Exception cause) {
		super("Mail server unavailable; " + notification.messageId() + " not sent: " + cause.getMessage(), cause);
	}

}
