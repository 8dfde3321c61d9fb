package io.orderflow.notification.notifications.mail;

import java.nio.charset.StandardCharsets;
import java.util.Date;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.messaging.tracing.AggregateCorrelation;
import io.orderflow.notification.notifications.Delivery;
import io.orderflow.notification.notifications.Mailer;
import io.orderflow.notification.notifications.Notification;
import io.orderflow.resilience.EdgeUnavailableException;
import io.orderflow.resilience.ResilientEdge;
import io.orderflow.resilience.ResilientEdges;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * Sends plain-text emails over SMTP, through the resilient edge {@code mail-server} (a
 * circuit breaker and a bulkhead; no retry, since sending mail is not idempotent: a
 * failed send is retried as a whole event, after the inbox said it was not sent).
 * Spring's mail support configures the session; the connections are kept open between
 * emails ({@link SmtpConnections}). The {@code Message-ID} is the notification's own, not
 * a random one, so a duplicate that slipped through would still be recognisable
 * downstream.
 *
 * <p>
 * What the server answers decides what becomes of the email ({@link SmtpRefusals}):
 * accepted, refused for good, refused for now (a {@link Delivery} the caller records), or
 * an outage ({@link MailServerUnavailableException}, which pauses the consumer).
 *
 * <p>
 * Each send is observed as {@value #OBSERVATION}: a span in the trace of the event that
 * caused the email, tagged with the order id, and a timer.
 */
@Component
class SmtpMailer implements Mailer, DisposableBean {

	static final String OBSERVATION = "orderflow.mail.send";

	private static final Logger log = LoggerFactory.getLogger(SmtpMailer.class);

	private static final AggregateCorrelation ORDER = AggregateCorrelation.of(OrderEvent.CATALOG);

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
		// the edge's timeout bounds connecting, reading and writing: a hung mail server
		// cannot hold a consumer
		String millis = String.valueOf(edge.timeout().toMillis());
		sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", millis);
		sender.getJavaMailProperties().put("mail.smtp.timeout", millis);
		sender.getJavaMailProperties().put("mail.smtp.writetimeout", millis);
		this.connections = new SmtpConnections(sender);
		JakartaMailStreamProvider.nameUnlessNamed();
	}

	@Override
	public Delivery send(Notification notification) {
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
		Delivery delivery = Observation.createNotStarted(OBSERVATION, observations)
			.lowCardinalityKeyValue("outcome", notification.outcome().name().toLowerCase())
			.highCardinalityKeyValue(ORDER.spanTag(), notification.orderId().toString())
			.observe(() -> sendThroughEdge(message, notification));
		switch (delivery) {
			case Delivery.Accepted accepted ->
				log.info("Sent email {} about order {}", notification.messageId(), notification.orderId());
			case Delivery.Deferred deferred ->
				log.info("The mail server refused {} for now, email {} about order {}: {}", notification.recipient(),
						notification.messageId(), notification.orderId(), deferred.reply());
			case Delivery.Refused refused ->
				log.warn("The mail server refused {} for good, email {} about order {}: {}", notification.recipient(),
						notification.messageId(), notification.orderId(), refused.reply());
		}
		return delivery;
	}

	/**
	 * An answer about the email, accepted or refused, is a successful call for the
	 * circuit breaker: the server did its job. Only an outage counts against it
	 * ({@link TransientMailFailure}), so one greylisted address never opens the circuit
	 * and pauses everyone's email.
	 */
	private Delivery sendThroughEdge(MimeMessage message, Notification notification) {
		try {
			return edge.call(() -> sendNow(message));
		}
		catch (EdgeUnavailableException ex) {
			throw new MailServerUnavailableException(notification, ex);
		}
	}

	private Delivery sendNow(MimeMessage message) {
		try {
			connections.send(message);
			return Delivery.ACCEPTED;
		}
		catch (MessagingException ex) {
			SmtpRefusals.Classified answer = SmtpRefusals.classify(ex);
			return switch (answer.verdict()) {
				case REFUSED -> new Delivery.Refused(answer.reply());
				case DEFERRED -> new Delivery.Deferred(answer.reply());
				case OUTAGE -> throw new TransientMailFailure(ex);
			};
		}
	}

	@Override
	public void destroy() {
		connections.close();
	}

	/**
	 * The mail server could not be reached or did not answer: counts against the circuit.
	 */
	static final class TransientMailFailure extends RuntimeException {

		TransientMailFailure(Exception cause) {
			super(cause.getMessage(), cause);
		}

	}

}
