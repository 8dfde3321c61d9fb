package io.orderflow.localstack.mail;

import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** A real SMTP server (GreenMail) that keeps every message it receives, so tests and people can read them. */
public final class SmtpServer implements AutoCloseable {

	private final GreenMail greenMail;

	private SmtpServer(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	/** @param port the SMTP port, or 0 for a free one */
	public static SmtpServer start(int port) {
		// GreenMail parses every message with Jakarta Mail, which would otherwise scan the class path for its stream
		// provider each time (jakartaee/mail-api#861)
		if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
			System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
		}
		var setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		if (port == 0) {
			setup = setup.dynamicPort();
		}
		setup.setServerStartupTimeout(10_000);
		var greenMail = new GreenMail(setup);
		greenMail.start();
		return new SmtpServer(greenMail);
	}

	public int port() {
		return greenMail.getSmtp().getPort();
	}

	public List<ReceivedMail> messages() {
		return Arrays.stream(greenMail.getReceivedMessages()).map(SmtpServer::toMail).toList();
	}

	public void purge() {
		try {
			greenMail.purgeEmailFromAllMailboxes();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not purge mailboxes", ex);
		}
	}

	private static ReceivedMail toMail(MimeMessage message) {
		try {
			String to = message.getAllRecipients() == null ? "" : message.getAllRecipients()[0].toString();
			Object content = message.getContent();
			return new ReceivedMail(message.getMessageID(), to, message.getSubject(),
					content instanceof String text ? text : String.valueOf(content));
		}
		catch (MessagingException | java.io.IOException ex) {
			throw new IllegalStateException("Unreadable message", ex);
		}
	}

	@Override
	public void close() {
		greenMail.stop();
	}

	/** One email as the customer would see it. */
	public record ReceivedMail(String messageId, String to, String subject, String body) {
	}

}
