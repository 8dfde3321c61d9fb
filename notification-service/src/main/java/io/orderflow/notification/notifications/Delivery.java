package io.orderflow.notification.notifications;

/**
 * What the mail server answered about one email it was offered. A server that cannot be
 * reached or will not take mail at all (refused connection, timeout, failed login,
 * {@code 421}, a refused sender) gives no answer about the email: the {@link Mailer}
 * raises an outage instead, and the email waits for the server.
 */
public sealed interface Delivery {

	Delivery ACCEPTED = new Accepted();

	/** The server took the email: it is sent. */
	record Accepted() implements Delivery {
	}

	/**
	 * The server refused the recipient for now ({@code 4xx} to {@code RCPT TO}, such as a
	 * greylisting {@code 450}): the same email may be accepted later.
	 *
	 * @param reply the server's reply, code and text
	 */
	record Deferred(String reply) implements Delivery {
	}

	/**
	 * The server refused for good ({@code 5xx} to {@code RCPT TO}, such as {@code 550} no
	 * such user, or to the message): sending the same email again cannot help.
	 *
	 * @param reply the server's reply, code and text
	 */
	record Refused(String reply) implements Delivery {
	}

}
