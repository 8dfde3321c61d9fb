package io.orderflow.notification.notifications.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Connections to an SMTP server on a loopback port, and a plain email to send over them.
 */
final class TestMail {

	private TestMail() {
	}

	static SmtpConnections connectionsTo(int port) {
		var server = new JavaMailSenderImpl();
		server.setHost("127.0.0.1");
		server.setPort(port);
		server.getJavaMailProperties().put("mail.smtp.timeout", "3000");
		return new SmtpConnections(server);
	}

	static MimeMessage email(String subject) throws MessagingException {
		var message = new MimeMessage((Session) null);
		message.setFrom(new InternetAddress("orders@orderflow.example"));
		message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("customer@example.com"));
		message.setSubject(subject);
		message.setText("About " + subject);
		return message;
	}

}
