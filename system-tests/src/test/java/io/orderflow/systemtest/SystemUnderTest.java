package io.orderflow.systemtest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.orderflow.embedded.kafka.KafkaCluster;
import io.orderflow.embedded.network.IsolatedHost;
import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import io.orderflow.localstack.StackShape;
import org.awaitility.Awaitility;

/**
 * The whole system, started once per test JVM on free ports: a real broker, PostgreSQL,
 * the provider simulator, an SMTP server and the three services as separate processes.
 * Stopped when the JVM exits, also after failures.
 *
 * <p>
 * One stack at a time: the tests of two instances of each service on a cluster of three
 * brokers ({@link #scaledOut()}) run last (see {@code junit-platform.properties}), so the
 * one-instance stack is stopped and the scaled-out one started once per test JVM.
 */
final class SystemUnderTest {

	/**
	 * Short enough for a test to watch an order expire; longer than a circuit's open
	 * window (10 s) with the drain after it, so that a provider fault in the fault suite
	 * shows recovery, not mass expiry.
	 */
	static final Duration SAGA_DEADLINE = Duration.ofSeconds(30);

	/**
	 * The saga deadline of the {@link #scaledOut()} stack. Six service JVMs at 100
	 * orders/s on two cores took up to about 36 s to drain a fault's backlog, so with
	 * {@link #SAGA_DEADLINE} orders expire because the machine is slow; with twice that,
	 * an order expires when something held it up, which the scale-out faults assert never
	 * happens.
	 */
	static final Duration SCALED_OUT_SAGA_DEADLINE = SAGA_DEADLINE.multipliedBy(2);

	/**
	 * How long notification-service keeps trying an email whose recipient the mail server
	 * refuses for now.
	 */
	static final Duration MAIL_RETRY_BUDGET = Duration.ofSeconds(20);

	/** Instances of each service in {@link #scaledOut()}. */
	static final int INSTANCES = 2;

	/** What a deployment runs: replicas of each service, a replicated Kafka. */
	static final StackShape SCALED_OUT = new StackShape(INSTANCES, KafkaCluster.SIZE);

	private static LocalStack stack;

	private static StackShape shape;

	private static boolean shutdownHookAdded;

	private SystemUnderTest() {
	}

	/** One instance of each service. */
	static LocalStack stack() {
		return stack(StackShape.ONE_OF_EACH);
	}

	/**
	 * {@value #INSTANCES} instances of each service, sharing their consumer groups, on
	 * three brokers; the second payment-service instance on an isolated host whose links
	 * the partition faults cut, where network namespaces can be made (as root).
	 */
	static LocalStack scaledOut() {
		return stack(IsolatedHost.unavailable().isEmpty() ? SCALED_OUT.withIsolatedPayment() : SCALED_OUT);
	}

	private static synchronized LocalStack stack(StackShape wanted) {
		if (stack != null && !shape.equals(wanted)) {
			stack.close();
			stack = null;
		}
		if (stack == null) {
			// a service killed mid-SMTP-session makes the SMTP server's connection thread
			// fail with "connection
			// reset": expected in fault tests, and no reason for an Awaitility condition
			// in the test thread to fail
			Awaitility.doNotCatchUncaughtExceptionsByDefault();
			stack = LocalStack.start(false, Path.of("target", "local-stack").toAbsolutePath(),
					Map.of(OrderflowService.ORDER,
							Map.of("orderflow.saga.deadline",
									(wanted.instances() > 1 ? SCALED_OUT_SAGA_DEADLINE : SAGA_DEADLINE).toSeconds()
											+ "s",
									"orderflow.saga.expiry-check-interval", "250ms"),
							OrderflowService.NOTIFICATION, Map.of(
									// seconds instead of the demo's minutes: a greylisted
									// recipient's email is
									// dead-lettered within a test
									"orderflow.notification.mail.retry.budget", MAIL_RETRY_BUDGET.toSeconds() + "s",
									"orderflow.notification.mail.retry.initial-backoff", "1s",
									"orderflow.notification.mail.retry.max-backoff", "5s",
									"orderflow.notification.mail.retry.poll-interval", "250ms")),
					wanted);
			shape = wanted;
			if (!shutdownHookAdded) {
				Runtime.getRuntime().addShutdownHook(new Thread(SystemUnderTest::close, "system-under-test-shutdown"));
				shutdownHookAdded = true;
			}
		}
		return stack;
	}

	private static synchronized void close() {
		if (stack != null) {
			stack.close();
		}
	}

}
