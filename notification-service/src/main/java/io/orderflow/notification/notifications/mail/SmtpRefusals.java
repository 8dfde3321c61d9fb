package io.orderflow.notification.notifications.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * What an SMTP server's refusal is about, and so what becomes of the email. Jakarta Mail
 * raises one exception type for most refusals; the command that was refused and the reply
 * code tell them apart:
 *
 * <table>
 * <caption>SMTP answers and their verdicts</caption>
 * <tr>
 * <th>answer</th>
 * <th>verdict</th>
 * <th>what happens</th>
 * </tr>
 * <tr>
 * <td>{@code 5xx} to {@code RCPT TO} (550 no such user, 553)</td>
 * <td>{@link Verdict#REFUSED}</td>
 * <td>about this recipient, for good: dead letter at once</td>
 * </tr>
 * <tr>
 * <td>{@code 4xx} to {@code RCPT TO} except 421 (450 greylisted, 451, 452 mailbox
 * full)</td>
 * <td>{@link Verdict#DEFERRED}</td>
 * <td>about this recipient, for now: sent again later, on a budget</td>
 * </tr>
 * <tr>
 * <td>{@code 5xx} to {@code DATA} or the message (554 message refused)</td>
 * <td>{@link Verdict#REFUSED}</td>
 * <td>about this message, for good: dead letter at once</td>
 * </tr>
 * <tr>
 * <td>{@code 421} to anything, any refusal of {@code MAIL FROM}, {@code 4xx} to
 * {@code DATA} or the message</td>
 * <td>{@link Verdict#OUTAGE}</td>
 * <td>about the server or our standing with it (it is closing, refuses our sender, has a
 * local error): the consumer pauses as for a server that is down</td>
 * </tr>
 * <tr>
 * <td>refused connection, timeout, failed login, broken connection</td>
 * <td>{@link Verdict#OUTAGE}</td>
 * <td>the same</td>
 * </tr>
 * </table>
 *
 * A refused sender is an outage, not a dead letter, even when permanent: it is a
 * misconfiguration that would refuse every email alike, and must stop the consumer and
 * raise the alarm rather than dead-letter everyone's mail.
 */
final class SmtpRefusals {

	/**
	 * Closing the transmission channel: whatever the command, the server is going away.
	 */
	static final int SERVICE_NOT_AVAILABLE = 421;

	private SmtpRefusals() {
	}

	/** The verdict on a failed send, with the server's reply when it gave one. */
	static Classified classify(MessagingException ex) {
		if (ex instanceof SMTPSendFailedException refused) {
			// MAIL FROM, DATA or the end of the message: about the sender, the server or
			// the message
			int code = refused.getReturnCode();
			String reply = reply(refused.getMessage());
			boolean sender = refused.getCommand() != null && refused.getCommand().regionMatches(true, 0, "MAIL", 0, 4);
			if (code == SERVICE_NOT_AVAILABLE || sender || code < 500) {
				return new Classified(Verdict.OUTAGE, reply);
			}
			return new Classified(Verdict.REFUSED, reply);
		}
		if (ex instanceof SendFailedException) {
			SMTPAddressFailedException recipient = recipientRefusal(ex);
			if (recipient != null) {
				int code = recipient.getReturnCode();
				String reply = reply(recipient.getMessage());
				if (code >= 500 && code < 600) {
					return new Classified(Verdict.REFUSED, reply);
				}
				if (code >= 400 && code != SERVICE_NOT_AVAILABLE) {
					return new Classified(Verdict.DEFERRED, reply);
				}
				return new Classified(Verdict.OUTAGE, reply);
			}
		}
		return new Classified(Verdict.OUTAGE, reply(ex.getMessage()));
	}

	/**
	 * The server's answer to {@code RCPT TO}: Jakarta Mail chains one per refused
	 * address.
	 */
	private static SMTPAddressFailedException recipientRefusal(MessagingException ex) {
		for (Exception next = ex.getNextException(); next != null;) {
			if (next instanceof SMTPAddressFailedException refused) {
				return refused;
			}
			next = next instanceof MessagingException chained ? chained.getNextException() : null;
		}
		return null;
	}

	private static String reply(String message) {
		return message == null ? "" : message.strip();
	}

	enum Verdict {

		/** The server refused this email for good. */
		REFUSED,

		/** The server refused this recipient for now. */
		DEFERRED,

		/**
		 * The server is down or will not take mail from us: nothing is known about this
		 * email.
		 */
		OUTAGE

	}

	/**
	 * @param reply the server's reply, code and text; the failure's message when the
	 * server gave none
	 */
	record Classified(Verdict verdict, String reply) {
	}

}
