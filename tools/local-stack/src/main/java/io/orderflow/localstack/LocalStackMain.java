package io.orderflow.localstack;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-local.sh}: starts the system on the demo's fixed ports, prints where
 * everything is, and stops all of it on Ctrl-C or SIGTERM.
 */
public final class LocalStackMain {

	private LocalStackMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		// the launcher's own quiet logging; named apart so it never leaks into tests that
		// use this module
		System.setProperty("logback.configurationFile", "logback-local-stack.xml");
		Path workDirectory = LocalStack.RepositoryLayout.root().resolve(".local-stack");
		System.out.println("Starting orderflow: Kafka, PostgreSQL, payment provider simulator, SMTP, "
				+ "authorization server, three services, console...");
		LocalStack stack;
		try {
			stack = LocalStack.start(true, workDirectory, Map.of());
		}
		catch (LocalStack.PortsTakenException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		catch (RuntimeException ex) {
			System.err.println("orderflow did not start: " + ex.getMessage());
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			System.out.println("\nStopping orderflow...");
			stack.close();
			System.out.println("Stopped.");
			stopped.countDown();
		}, "local-stack-shutdown"));
		System.out.println(Banner.describe(stack, workDirectory));
		System.out.println(ConsoleCommands.HELP);
		new ConsoleCommands(stack).listen(System.in);
		stopped.await();
	}

}
