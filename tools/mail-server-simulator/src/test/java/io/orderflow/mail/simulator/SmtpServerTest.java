package io.orderflow.mail.simulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SMTP server refuses recipients the way real servers do, seen over a raw SMTP
 * dialogue: what it answers to {@code RCPT TO}, and which messages it then keeps.
 */
class SmtpServerTest {

	private SmtpServer smtp;

	@AfterEach
	void stop() {
		if (smtp != null) {
			smtp.close();
		}
	}

	@Test
	void byDefaultGreylistedTestIsToldToTryLaterNonexistentTestThatNoSuchUserExistsAndOthersAreDelivered()
			throws IOException {
		smtp = SmtpServer.start(0);

		assertThat(send("ada@greylisted.test", "greylisted")).startsWith("450 4.2.0 <ada@greylisted.test>")
			.contains("Greylisted, try again later");
		assertThat(send("ada@nonexistent.test", "unknown")).startsWith("550 5.1.1 <ada@nonexistent.test>")
			.contains("User unknown");
		assertThat(send("ada@example.com", "delivered")).startsWith("250");

		assertThat(smtp.messages()).singleElement().satisfies(mail -> {
			assertThat(mail.to()).isEqualTo("ada@example.com");
			assertThat(mail.subject()).isEqualTo("delivered");
		});
	}

	@Test
	void domainsMatchWithoutRegardToCase() throws IOException {
		smtp = SmtpServer.start(0);

		assertThat(send("Ada@GreyListed.TEST", "greylisted")).startsWith("450 4.2.0");
		assertThat(smtp.messages()).isEmpty();
	}

	@Test
	void thePolicyIsSwitchedWhileTheServerRuns() throws IOException {
		smtp = SmtpServer.start(0, RecipientPolicy.acceptingAll().greylist("slow.test"));
		assertThat(send("bob@slow.test", "first try")).startsWith("450 4.2.0");

		smtp.recipientPolicy().accept("slow.test").reject("gone.test");

		assertThat(send("bob@slow.test", "second try")).startsWith("250");
		assertThat(send("bob@gone.test", "gone")).startsWith("550 5.1.1");
		assertThat(send("ada@greylisted.test", "not in this policy")).startsWith("250");
		assertThat(smtp.messages()).extracting(SmtpServer.ReceivedMail::subject)
			.containsExactlyInAnyOrder("second try", "not in this policy");
	}

	@Test
	void aNameThatIsNoDomainIsRefusedByThePolicyBuilder() {
		RecipientPolicy policy = RecipientPolicy.acceptingAll();

		assertThatThrownBy(() -> policy.greylist("ada@example.com")).isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> policy.reject(" ")).isInstanceOf(IllegalArgumentException.class);
	}

	/**
	 * One SMTP dialogue: the reply to {@code RCPT TO}, and when that accepted the
	 * recipient, the reply to the end of the message instead.
	 */
	private String send(String recipient, String subject) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), smtp.port());
				var in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
			OutputStream out = socket.getOutputStream();
			expect(in, "220");
			command(out, in, "EHLO test", "250");
			command(out, in, "MAIL FROM:<orders@orderflow.example>", "250");
			String rcpt = command(out, in, "RCPT TO:<" + recipient + ">", null);
			if (!rcpt.startsWith("250")) {
				command(out, in, "QUIT", "221");
				return rcpt;
			}
			command(out, in, "DATA", "354");
			write(out, "From: orders@orderflow.example\r\nTo: " + recipient + "\r\nSubject: " + subject
					+ "\r\n\r\nHello\r\n.");
			String accepted = expect(in, "250");
			command(out, in, "QUIT", "221");
			return accepted;
		}
	}

	private static String command(OutputStream out, BufferedReader in, String line, String expected)
			throws IOException {
		write(out, line);
		return expect(in, expected);
	}

	private static void write(OutputStream out, String lines) throws IOException {
		out.write((lines + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	/**
	 * The last line of the server's (possibly multi-line) reply, checked against the
	 * expected code if one is given.
	 */
	private static String expect(BufferedReader in, String expected) throws IOException {
		String line = in.readLine();
		while (line != null && line.length() > 3 && line.charAt(3) == '-') {
			line = in.readLine();
		}
		if (expected != null) {
			assertThat(line).as("reply").startsWith(expected);
		}
		return line;
	}

}
