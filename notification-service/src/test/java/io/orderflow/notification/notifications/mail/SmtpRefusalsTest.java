package io.orderflow.notification.notifications.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import jakarta.mail.SendFailedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Which refusals of an SMTP server are for good (the event is dead-lettered) and which are temporary (the event is
 * retried): the exceptions come from Jakarta Mail talking to a server that answers as scripted.
 */
class SmtpRefusalsTest {

	@ParameterizedTest(name = "{0} {1} -> permanent {2}")
	@CsvSource({ "RCPT, 550 5.1.1 No such user, true", "RCPT, 451 4.3.0 Mailbox busy, false",
			"RCPT, 452 4.2.2 Mailbox full, false", "MAIL, 553 5.7.1 Sender refused, true",
			"MAIL, 421 4.3.2 Try again later, false", "DATA_END, 554 5.6.0 Message refused, true",
			"DATA_END, 451 4.3.0 Local error, false" })
	void replyCodeDecides(String command, String reply, boolean permanent) throws Exception {
		try (ScriptedSmtpServer server = new ScriptedSmtpServer(command, reply)) {
			try (var connections = TestMail.connectionsTo(server.port())) {
				var message = TestMail.email("Your order");

				SendFailedException refusal = catchThrowableOfType(SendFailedException.class,
						() -> connections.send(message));

				assertThat(refusal).as("Jakarta Mail reports the refusal as a SendFailedException").isNotNull();
				assertThat(SmtpMailer.isPermanentRefusal(refusal)).isEqualTo(permanent);
			}
		}
	}

	/** Answers every command with success, except the scripted one. One connection, then it stops. */
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
					var in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
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
							send(out, "354 Go ahead");
							inData = true;
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
