package io.orderflow.notification.notifications.mail;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.messaging.tracing.OrderIdCorrelation;
import io.orderflow.notification.notifications.Mailer;
import io.orderflow.notification.notifications.Notification;
import io.orderflow.resilience.EdgeUnavailableException;
import io.orderflow.resilience.ResilientEdge;
import io.orderflow.resilience.ResilientEdges;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text emails over SMTP, through the resilient edge {@code mail-server} (a circuit breaker and a
 * bulkhead; no retry, since sending mail is not idempotent: a failed send is retried as a whole event, after the
 * inbox said it was not sent). Spring's mail support configures the session; the connections are kept open between
 * emails ({@link SmtpConnections}). The {@code Message-ID} is the notification's own,
 * not a random one, so a duplicate that slipped through would still be recognisable downstream.
 *
 * <p>Each send is observed as {@value #OBSERVATION}: a span in the trace of the event that caused the email, tagged
 * with the order id, and a timer.
 */
@Component
class SmtpMailer implements Mailer, DisposableBean {

	static final String OBSERVATION = "orderflow.mail.send";

	private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);

	private final JavaMailSenderImpl sender;

	private final MailProperties properties;

	private final ResilientEdge edge;

	private final ObservationRegistry observations;

	private final SmtpConnections connections;

	SmtpMailer(JavaMailSenderImpl sender, MailProperties properties, ResilientEdges edges,
			ObservationRegistry observations) {
		this.sender = sender;
		this.properties = properties;
		this.observations = observations;
		this.edge = edges.edge(Mailer.EDGE, TransientMailFailure.class);
		// the edge's timeout bounds connecting, reading and writing: a hung mail server cannot hold a consumer
		String millis = String.valueOf(edge.timeout().toMillis());
		sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", millis);
		sender.getJavaMailProperties().put("mail.smtp.timeout", millis);
		sender.getJavaMailProperties().put("mail.smtp.writetimeout", millis);
		this.connections = new SmtpConnections(sender);
		JakartaMailStreamProvider.nameUnlessNamed();
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
		Observation.createNotStarted(OBSERVATION, observations)
			.lowCardinalityKeyValue("outcome", notification.outcome().name().toLowerCase())
			.highCardinalityKeyValue(OrderIdCorrelation.SPAN_TAG, notification.orderId().toString())
			.observe(() -> sendThroughEdge(message, notification));
		log.info("Sent email {} about order {}", notification.messageId(), notification.orderId());
	}

	private void sendThroughEdge(MimeMessage message, Notification notification) {
		try {
			edge.call(() -> {
				sendNow(message, notification);
				return null;
			});
		}
		catch (EdgeUnavailableException ex) {
			throw new MailServerUnavailableException(notification, ex);
		}
	}

	private void sendNow(MimeMessage message, Notification notification) {
		try {
			connections.send(message);
		}
		catch (SendFailedException ex) {
			if (isPermanentRefusal(ex)) {
				// the server will never take this email: retrying cannot help
				throw new PoisonEventException("The mail server refused the email to " + notification.recipient() + ": "
						+ ex.getMessage(), ex);
			}
			throw new TransientMailFailure(ex);
		}
		catch (MessagingException ex) {
			throw new TransientMailFailure(ex);
		}
	}

	/**
	 * A 5xx reply refuses for good: to a recipient (Jakarta Mail lists it as invalid), or to the sender or the message
	 * as a whole. A 4xx reply ("mailbox busy", "try again later") is temporary, though Jakarta Mail raises the same
	 * exception type for it (the address is then listed as valid but unsent): the event is retried, not dead-lettered.
	 */
	static boolean isPermanentRefusal(SendFailedException ex) {
		if (ex.getInvalidAddresses() != null && ex.getInvalidAddresses().length > 0) {
			return true;
		}
		return ex instanceof SMTPSendFailedException refused && refused.getReturnCode() >= 500;
	}

	@Override
	public void destroy() {
		connections.close();
	}

	/** The mail server could not be reached or did not answer: counts against the circuit. */
	static final class TransientMailFailure extends RuntimeException {

		TransientMailFailure(Exception cause) {
			super(cause.getMessage(), cause);
		}

	}

}
