package io.orderflow.notification.notifications.mail;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import io.orderflow.notification.notifications.Mailer;
import io.orderflow.notification.notifications.Notification;
import io.orderflow.messaging.consumer.PoisonEventException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text emails over SMTP with Spring's mail support. The {@code Message-ID} is the notification's own,
 * not a random one, so a duplicate that slipped through would still be recognisable downstream.
 */
@Component
class SmtpMailer implements Mailer {

	private final JavaMailSenderImpl sender;

	private final MailProperties properties;

	SmtpMailer(JavaMailSenderImpl sender, MailProperties properties) {
		this.sender = sender;
		this.properties = properties;
	}

	@Override
	public void send(Notification notification) {
		MimeMessage message = new MimeMessage(sender.getSession()) {
			@Override
			protected void updateMessageID() throws MessagingException {
				setHeader("Message-ID", notification.messageId());
			}
		};
		try {
			message.setFrom(new InternetAddress(properties.from()));
			message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(notification.recipient()));
			message.setSubject(notification.subject(), StandardCharsets.UTF_8.name());
			message.setText(notification.body(), StandardCharsets.UTF_8.name());
			message.setSentDate(Date.from(notification.sentAt()));
		}
		catch (MessagingException ex) {
			throw new MailPreparationException("Could not prepare " + notification.messageId(), ex);
		}
		try {
			sender.send(message);
		}
		catch (MailSendException ex) {
			if (isRefusedRecipient(ex)) {
				// the server will never take this address: retrying cannot help
				throw new PoisonEventException("The mail server refused " + notification.recipient() + ": " + ex.getMessage(), ex);
			}
			throw new MailServerUnavailableException(notification, ex);
		}
		catch (MailException ex) {
			throw new MailServerUnavailableException(notification, ex);
		}
	}

	private static boolean isRefusedRecipient(MailSendException ex) {
		return ex.getFailedMessages().values().stream().anyMatch(SendFailedException.class::isInstance);
	}

}
