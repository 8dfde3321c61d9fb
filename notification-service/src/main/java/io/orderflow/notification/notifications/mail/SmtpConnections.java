package io.orderflow.notification.notifications.mail;

import java.time.Duration;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedDeque;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * SMTP connections kept open between emails. Spring's {@link JavaMailSenderImpl} opens
 * one per email (greeting, EHLO, QUIT): on loopback that handshake took five times as
 * long as the email itself and capped notification-service at about 35 emails/s
 * (docs/performance.md). Here a connection goes back to an idle stack after a successful
 * send and the next email takes it; each sending thread holds at most one, so there are
 * never more connections than listener threads.
 *
 * <p>
 * A connection idle for longer than {@link #TRUSTED_IDLE} is checked with {@code NOOP}
 * before it is reused (the server may have closed it); any failure closes it, so the next
 * email connects afresh. A send that fails on a connection the server dropped within that
 * second is an ordinary transient failure: its event is redelivered.
 */
final class SmtpConnections implements AutoCloseable {

	static final Duration TRUSTED_IDLE = Duration.ofSeconds(1);

	private final JavaMailSenderImpl server;

	private final Deque<IdleConnection> idle = new ConcurrentLinkedDeque<>();

	/**
	 * @param server where to connect and with which session properties (timeouts)
	 */
	SmtpConnections(JavaMailSenderImpl server) {
		this.server = server;
	}

	/**
	 * Sends the message on an open connection, or on a new one.
	 * @throws MessagingException as {@link Transport#sendMessage} throws it, or when no
	 * connection could be opened
	 */
	void send(MimeMessage message) throws MessagingException {
		Transport transport = borrow();
		boolean reusable = false;
		try {
			message.saveChanges();
			transport.sendMessage(message, message.getAllRecipients());
			reusable = true;
		}
		catch (SendFailedException refused) {
			// the server refused this message (a recipient, the sender, the data), not
			// the session: Jakarta Mail has
			// reset the session (RSET) for the next message, or closed it if it could
			// not. A greylisted recipient
			// among many emails then costs no new handshake for the emails after it.
			reusable = transport.isConnected();
			throw refused;
		}
		finally {
			if (reusable) {
				idle.push(new IdleConnection(transport, System.nanoTime()));
			}
			else {
				closeQuietly(transport);
			}
		}
	}

	private Transport borrow() throws MessagingException {
		for (IdleConnection connection; (connection = idle.poll()) != null;) {
			boolean recent = System.nanoTime() - connection.sinceNanos() < TRUSTED_IDLE.toNanos();
			if (recent || connection.transport().isConnected()) {
				return connection.transport();
			}
			closeQuietly(connection.transport());
		}
		Transport transport = server.getSession()
			.getTransport(Objects.requireNonNullElse(server.getProtocol(), JavaMailSenderImpl.DEFAULT_PROTOCOL));
		transport.connect(server.getHost(), server.getPort(), server.getUsername(), server.getPassword());
		return transport;
	}

	@Override
	public void close() {
		for (IdleConnection connection; (connection = idle.poll()) != null;) {
			closeQuietly(connection.transport());
		}
	}

	private static void closeQuietly(Transport transport) {
		try {
			transport.close();
		}
		catch (MessagingException | RuntimeException ex) {
			// the connection is gone either way
		}
	}

	private record IdleConnection(Transport transport, long sinceNanos) {
	}

}
