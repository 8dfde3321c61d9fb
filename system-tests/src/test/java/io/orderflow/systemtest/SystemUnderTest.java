package io.orderflow.systemtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import org.awaitility.Awaitility;

/**
 * The whole system, started once per test JVM on free ports: a real broker, PostgreSQL, the provider simulator,
 * an SMTP server and the three services as separate processes. Stopped when the JVM exits, also after failures.
 */
final class SystemUnderTest {

	/** Short enough for a test to watch an order expire, long enough for every healthy saga to finish first. */
	static final Duration SAGA_DEADLINE = Duration.ofSeconds(8);

	private static LocalStack stack;

	private SystemUnderTest() {
	}

	static synchronized LocalStack stack() {
		if (stack == null) {
			// a service killed mid-SMTP-session makes the SMTP server's connection thread fail with "connection
			// reset": expected in fault tests, and no reason for an Awaitility condition in the test thread to fail
			Awaitility.doNotCatchUncaughtExceptionsByDefault();
			stack = LocalStack.start(false, Path.of("target", "local-stack").toAbsolutePath(),
					Map.of(OrderflowService.ORDER, Map.of("orderflow.saga.deadline", SAGA_DEADLINE.toSeconds() + "s",
							"orderflow.saga.expiry-check-interval", "250ms")));
			Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "system-under-test-shutdown"));
		}
		return stack;
	}

}
