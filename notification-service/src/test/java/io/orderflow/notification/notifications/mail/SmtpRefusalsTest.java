package io.orderflow.notification.notifications.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What each refusal of an SMTP server means for the email ({@link SmtpRefusals}): refused
 * for good (dead letter), refused for now (deferred, sent again later) or an outage of
 * the server (the consumer pauses). The exceptions come from Jakarta Mail talking to a
 * server that answers as scripted.
 */
class SmtpRefusalsTest {

	@ParameterizedTest(name = "{0} {1} -> {2}")
	@CsvSource({ "RCPT, 550 5.1.1 No such user, REFUSED", "RCPT, 553 5.1.3 Bad destination mailbox syntax, REFUSED",
			"RCPT, 450 4.2.0 Greylisted try again later, DEFERRED", "RCPT, 451 4.3.0 Mailbox busy, DEFERRED",
			"RCPT, 452 4.2.2 Mailbox full, DEFERRED", "RCPT, 421 4.3.2 Service shutting down, OUTAGE",
			"MAIL, 553 5.7.1 Sender refused, OUTAGE", "MAIL, 530 5.7.0 Authentication required, OUTAGE",
			"MAIL, 451 4.3.0 Try again later, OUTAGE", "MAIL, 421 4.3.2 Try again later, OUTAGE",
			"DATA, 554 5.5.1 Transaction failed, REFUSED", "DATA, 451 4.3.0 Local error, OUTAGE",
			"DATA_END, 554 5.6.0 Message refused, REFUSED", "DATA_END, 552 5.3.4 Message too big, REFUSED",
			"DATA_END, 451 4.3.0 Local error, OUTAGE", "DATA_END, 421 4.3.2 Closing, OUTAGE" })
	void theRefusedCommandAndTheReplyCodeDecide(String command, String reply, SmtpRefusals.Verdict verdict)
			throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer(command, reply)) {
			try (var connections = TestMail.connectionsTo(server.port())) {
				var message = TestMail.email("Your order");

				MessagingException refusal = catchThrowableOfType(MessagingException.class,
						() -> connections.send(message));

				assertThat(refusal).as("Jakarta Mail reports the refusal").isNotNull();
				SmtpRefusals.Classified answer = SmtpRefusals.classify(refusal);
				assertThat(answer.verdict()).isEqualTo(verdict);
				assertThat(answer.reply()).as("the server's reply, for the record and the dead letter")
					.startsWith(reply);
			}
		}
	}

	@Test
	void aServerThatDoesNotAnswerIsAnOutage() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closedPort = socket.getLocalPort();
		}
		try (var connections = TestMail.connectionsTo(closedPort)) {
			MessagingException refusal = catchThrowableOfType(MessagingException.class,
					() -> connections.send(TestMail.email("Your order")));

			assertThat(SmtpRefusals.classify(refusal).verdict()).isEqualTo(SmtpRefusals.Verdict.OUTAGE);
		}
	}

	/**
	 * Answers every command with success, except the scripted one. One connection, then
	 * it stops.
	 */
	private static final class ScriptedSmtpServer implements AutoCloseable {

		private final ServerSocket listener;

		private final Thread thread;

		ScriptedSmtpServer(String refusedCommand, String reply) throws IOException {
			listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
			thread = Thread.ofVirtual().start(() -> serve(refusedCommand, reply));
		}

		int port() {
			return listener.getLocalPort();
		}

		private void serve(String refusedCommand, String reply) {
			try (Socket client = listener.accept();
					var in = new BufferedReader(
							new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
					OutputStream out = client.getOutputStream()) {
				send(out, "220 scripted ESMTP");
				boolean inData = false;
				for (String line; (line = in.readLine()) != null;) {
					if (inData) {
						if (line.equals(".")) {
							inData = false;
							send(out, refusedCommand.equals("DATA_END") ? reply : "250 2.0.0 Queued");
						}
						continue;
					}
					String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
					switch (command) {
						case "EHLO", "HELO" -> send(out, "250 scripted");
						case "MAIL" -> send(out, refusedCommand.equals("MAIL") ? reply : "250 2.1.0 OK");
						case "RCPT" -> send(out, refusedCommand.equals("RCPT") ? reply : "250 2.1.5 OK");
						case "DATA" -> {
							if (refusedCommand.equals("DATA")) {
								send(out, reply);
							}
							else {
								send(out, "354 Go ahead");
								inData = true;
							}
						}
						case "QUIT" -> {
							send(out, "221 Bye");
							return;
						}
						default -> send(out, "250 OK"); // RSET, NOOP
					}
				}
			}
			catch (IOException ex) {
				// the client went away
			}
		}

		private static void send(OutputStream out, String line) throws IOException {
			out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}

		@Override
		public void close() throws Exception {
			listener.close();
			thread.join(5_000);
		}

	}

}
