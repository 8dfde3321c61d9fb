package io.orderflow.notification.notifications.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.orderflow.mail.simulator.RecipientPolicy;
import io.orderflow.mail.simulator.SmtpServer;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Against a real SMTP server, seen through a relay that counts the TCP connections the
 * mailer opens.
 */
class SmtpConnectionsTest {

	private SmtpServer smtp;

	private CountingRelay relay;

	private SmtpConnections connections;

	@BeforeEach
	void start() throws IOException {
		smtp = SmtpServer.start(0);
		relay = new CountingRelay(smtp.port());
		connections = TestMail.connectionsTo(relay.port());
	}

	@AfterEach
	void stop() {
		connections.close();
		relay.close();
		smtp.close();
	}

	@Test
	void emailsInARowShareOneConnection() throws Exception {
		for (int i = 0; i < 20; i++) {
			connections.send(TestMail.email("email " + i));
		}

		assertThat(smtp.messages()).hasSize(20);
		assertThat(relay.accepted()).isEqualTo(1);
	}

	@Test
	void aRecipientTheServerRefusesCostsNoNewConnectionForTheEmailsAfterIt() throws Exception {
		for (int i = 0; i < 10; i++) {
			String domain = i % 2 == 0 ? RecipientPolicy.GREYLISTED_DOMAIN : RecipientPolicy.NONEXISTENT_DOMAIN;
			var refused = TestMail.email("refused " + i);
			refused.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("someone@" + domain));
			assertThatExceptionOfType(SendFailedException.class).isThrownBy(() -> connections.send(refused));
			connections.send(TestMail.email("email " + i));
		}

		assertThat(smtp.messages()).hasSize(10).allSatisfy(mail -> assertThat(mail.subject()).startsWith("email"));
		assertThat(relay.accepted()).isEqualTo(1);
	}

	@Test
	void connectionTheServerDroppedWhileIdleIsReplacedBeforeTheNextEmail() throws Exception {
		connections.send(TestMail.email("email 1"));
		relay.dropConnections();
		Thread.sleep(SmtpConnections.TRUSTED_IDLE.toMillis() + 200);

		connections.send(TestMail.email("email 2"));

		assertThat(smtp.messages()).extracting(SmtpServer.ReceivedMail::subject).containsExactly("email 1", "email 2");
		assertThat(relay.accepted()).isEqualTo(2);
	}

	/**
	 * Forwards each accepted connection to the SMTP server, byte for byte, and counts
	 * them.
	 */
	private static final class CountingRelay implements AutoCloseable {

		private final ServerSocket listener;

		private final AtomicInteger accepted = new AtomicInteger();

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		CountingRelay(int targetPort) throws IOException {
			listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread.ofVirtual().start(() -> {
				while (!listener.isClosed()) {
					try {
						Socket client = listener.accept();
						Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
						accepted.incrementAndGet();
						sockets.addAll(List.of(client, target));
						pipe(client, target);
						pipe(target, client);
					}
					catch (IOException ex) {
						return;
					}
				}
			});
		}

		int port() {
			return listener.getLocalPort();
		}

		int accepted() {
			return accepted.get();
		}

		void dropConnections() {
			sockets.forEach(CountingRelay::closeQuietly);
			sockets.clear();
		}

		@Override
		public void close() {
			closeQuietly(listener);
			dropConnections();
		}

		private static void pipe(Socket from, Socket to) {
			Thread.ofVirtual().start(() -> {
				try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
					in.transferTo(out);
				}
				catch (IOException ex) {
					// one side closed: the other follows
				}
				finally {
					closeQuietly(from);
					closeQuietly(to);
				}
			});
		}

		private static void closeQuietly(AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// already closed
			}
		}

	}

}
