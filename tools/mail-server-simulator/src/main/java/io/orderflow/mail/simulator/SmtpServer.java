package io.orderflow.mail.simulator;

import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.server.AbstractServer;
import com.icegreen.greenmail.server.ProtocolHandler;
import com.icegreen.greenmail.smtp.SmtpHandler;
import com.icegreen.greenmail.smtp.SmtpManager;
import com.icegreen.greenmail.smtp.SmtpState;
import com.icegreen.greenmail.smtp.commands.SmtpCommandRegistry;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) that keeps every message it accepts, so tests and people
 * can read them, and that refuses recipients the way real servers do
 * ({@link RecipientPolicy}: by default any address at {@code greylisted.test} gets
 * {@code 450 4.2.0} and any at {@code nonexistent.test} {@code 550 5.1.1} at
 * {@code RCPT TO}).
 *
 * <p>
 * The refusal uses GreenMail's own hook, {@code SmtpManager.checkRecipient}, whose answer
 * its {@code RCPT} command sends instead of {@code 250 OK}; GreenMail has no setting for
 * it, so its SMTP service is built with a manager that asks the policy (GreenMail's
 * documented extension points: {@code createServices} and {@code createProtocolHandler}).
 * Everything else is GreenMail as it is.
 */
public final class SmtpServer implements AutoCloseable {

	private final GreenMail greenMail;

	private final RecipientPolicy recipientPolicy;

	private SmtpServer(GreenMail greenMail, RecipientPolicy recipientPolicy) {
		this.greenMail = greenMail;
		this.recipientPolicy = recipientPolicy;
	}

	/**
	 * A server with the {@linkplain RecipientPolicy#defaults() default policy}.
	 * @param port the SMTP port, or 0 for a free one
	 */
	public static SmtpServer start(int port) {
		return start(port, RecipientPolicy.defaults());
	}

	/**
	 * @param port the SMTP port, or 0 for a free one
	 * @param recipientPolicy which recipients it refuses; the server keeps this instance,
	 * so changes to it apply at once
	 */
	public static SmtpServer start(int port, RecipientPolicy recipientPolicy) {
		// GreenMail parses every message with Jakarta Mail, which would otherwise scan
		// the class path for its stream
		// provider each time (jakartaee/mail-api#861)
		if (System.getProperty("jakarta.mail.util.StreamProvider") == null) {
			System.setProperty("jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");
		}
		var setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
		if (port == 0) {
			setup = setup.dynamicPort();
		}
		setup.setServerStartupTimeout(10_000);
		var greenMail = new RefusingGreenMail(setup, recipientPolicy);
		greenMail.start();
		return new SmtpServer(greenMail, recipientPolicy);
	}

	public int port() {
		return greenMail.getSmtp().getPort();
	}

	/**
	 * Which recipients this server refuses; change it to greylist, reject or accept a
	 * domain while it runs.
	 */
	public RecipientPolicy recipientPolicy() {
		return recipientPolicy;
	}

	/** The messages accepted so far (a refused recipient never has one). */
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

	/**
	 * GreenMail whose SMTP service asks a {@link RecipientPolicy} before it accepts a
	 * recipient.
	 */
	private static final class RefusingGreenMail extends GreenMail {

		/**
		 * Set after GreenMail's constructor, which already built the services: they read
		 * it only when a client connects, after {@link #start()}.
		 */
		private RecipientPolicy policy;

		RefusingGreenMail(ServerSetup setup, RecipientPolicy policy) {
			super(setup);
			this.policy = policy;
		}

		@Override
		protected Map<String, AbstractServer> createServices(ServerSetup[] setups, Managers managers) {
			Map<String, AbstractServer> services = super.createServices(setups, managers);
			for (ServerSetup setup : setups) {
				if (setup.getProtocol().equals(ServerSetup.PROTOCOL_SMTP)) {
					services.put(setup.getProtocol(), new RefusingSmtpService(setup, managers, this));
				}
			}
			return services;
		}

	}

	/** GreenMail's SMTP service, its connections handled with the refusing manager. */
	private static final class RefusingSmtpService extends com.icegreen.greenmail.smtp.SmtpServer {

		private final SmtpManager manager;

		RefusingSmtpService(ServerSetup setup, Managers managers, RefusingGreenMail owner) {
			super(setup, managers);
			// delivers into the same users and mailboxes as GreenMail's own manager, so
			// getReceivedMessages sees it
			this.manager = new SmtpManager(managers.getImapHostManager(), managers.getUserManager()) {
				@Override
				public String checkRecipient(SmtpState state, MailAddress recipient) {
					return owner.policy.refusal(recipient.getEmail()).orElse(null);
				}
			};
		}

		@Override
		protected ProtocolHandler createProtocolHandler(Socket socket) {
			return new SmtpHandler(new SmtpCommandRegistry(), manager, socket);
		}

	}

}
