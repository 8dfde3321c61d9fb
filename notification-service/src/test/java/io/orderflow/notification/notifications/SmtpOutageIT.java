package io.orderflow.notification.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.orderflow.notification.notifications.mail.MailServerUnavailableException;

/**
 * The mail edge under an outage: while the SMTP server is down nothing is recorded as
 * sent, the event is retried within the consumer's bounded attempts, and once the server
 * is back the customer gets the email exactly once.
 */
class SmtpOutageIT extends NotificationServiceIntegrationTestBase {

	@AfterEach
	void smtpServerIsBack() {
		restartSmtpServer();
	}

	@Test
	void outcomeEmailedWhileTheSmtpServerIsDownIsSentOnceWhenItIsBack() {
		awaitAllOrderEventsConsumed();
		UUID orderId = placedOrder();
		long failuresBefore = listenerFailures(MailServerUnavailableException.class);
		stopSmtpServer();

		publish(confirmed(orderId));

		await("a delivery attempt failed to send on the closed SMTP port").atMost(Duration.ofSeconds(20))
			.until(() -> listenerFailures(MailServerUnavailableException.class) > failuresBefore);
		assertThat(notificationsOf(orderId)).as("nothing recorded as sent while SMTP is down").isEmpty();

		restartSmtpServer();

		await().atMost(Duration.ofSeconds(20)).until(() -> !mailsAbout(orderId).isEmpty());
		awaitAllOrderEventsConsumed();
		assertThat(mailsAbout(orderId)).singleElement()
			.satisfies(mail -> assertThat(mail.messageId()).isEqualTo("<" + orderId + ".confirmed@orderflow>"));
		assertThat(notificationsOf(orderId)).singleElement()
			.satisfies(notification -> assertThat(notification.get("outcome").asString()).isEqualTo("CONFIRMED"));
	}

}
