package io.orderflow.systemtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import org.awaitility.Awaitility;

/**
 * The whole system, started once per test JVM on free ports: a real broker, PostgreSQL,
 * the provider simulator, an SMTP server and the three services as separate processes.
 * Stopped when the JVM exits, also after failures.
 */
final class SystemUnderTest {

	/**
	 * Short enough for a test to watch an order expire; longer than a circuit's open
	 * window (10 s) with the drain after it, so that a provider fault in the fault suite
	 * shows recovery, not mass expiry.
	 */
	static final Duration SAGA_DEADLINE = Duration.ofSeconds(30);

	/**
	 * How long notification-service keeps trying an email whose recipient the mail server
	 * refuses for now.
	 */
	static final Duration MAIL_RETRY_BUDGET = Duration.ofSeconds(20);

	private static LocalStack stack;

	private SystemUnderTest() {
	}

	static synchronized LocalStack stack() {
		if (stack == null) {
			// a service killed mid-SMTP-session makes the SMTP server's connection thread
			// fail with "connection
			// reset": expected in fault tests, and no reason for an Awaitility condition
			// in the test thread to fail
			Awaitility.doNotCatchUncaughtExceptionsByDefault();
			stack = LocalStack.start(false, Path.of("target", "local-stack").toAbsolutePath(),
					Map.of(OrderflowService.ORDER,
							Map.of("orderflow.saga.deadline", SAGA_DEADLINE.toSeconds() + "s",
									"orderflow.saga.expiry-check-interval", "250ms"),
							OrderflowService.NOTIFICATION, Map.of(
									// seconds instead of the demo's minutes: a greylisted
									// recipient's email is
									// dead-lettered within a test
									"orderflow.notification.mail.retry.budget", MAIL_RETRY_BUDGET.toSeconds() + "s",
									"orderflow.notification.mail.retry.initial-backoff", "1s",
									"orderflow.notification.mail.retry.max-backoff", "5s",
									"orderflow.notification.mail.retry.poll-interval", "250ms")));
			Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "system-under-test-shutdown"));
		}
		return stack;
	}

}
