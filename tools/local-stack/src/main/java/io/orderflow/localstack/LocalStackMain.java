package io.orderflow.localstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code ./run-local.sh [--instances N]}: starts the system on the demo's fixed ports,
 * prints where everything is, and stops all of it on Ctrl-C or SIGTERM.
 */
public final class LocalStackMain {

	static final String USAGE = "Usage: ./run-local.sh [--instances N]   (N from 1 to " + LocalStack.MAX_INSTANCES
			+ "; the n-th instance of a service on its port + 10000·(n-1): 18081-18083 for the second)";

	private LocalStackMain() {
	}

	/**
	 * {@code --instances N} or {@code --instances=N}; one instance of each without it.
	 */
	static int instances(String... args) {
		List<String> words = Arrays.stream(args).flatMap(arg -> Arrays.stream(arg.split("=", 2))).toList();
		if (words.isEmpty()) {
			return 1;
		}
		if (words.size() != 2 || !words.get(0).equals("--instances")) {
			throw new IllegalArgumentException("Unknown arguments: " + String.join(" ", args));
		}
		try {
			int instances = Integer.parseInt(words.get(1));
			if (instances >= 1 && instances <= LocalStack.MAX_INSTANCES) {
				return instances;
			}
		}
		catch (NumberFormatException ex) {
			// said below
		}
		throw new IllegalArgumentException(
				"--instances takes a number from 1 to " + LocalStack.MAX_INSTANCES + ", not '" + words.get(1) + "'");
	}

	public static void main(String[] args) throws InterruptedException {
		// the launcher's own quiet logging; named apart so it never leaks into tests that
		// use this module
		System.setProperty("logback.configurationFile", "logback-local-stack.xml");
		int instances;
		try {
			instances = instances(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage() + "\n" + USAGE);
			System.exit(2);
			return;
		}
		Path workDirectory = LocalStack.RepositoryLayout.root().resolve(".local-stack");
		System.out.println("Starting orderflow: Kafka, PostgreSQL, payment provider simulator, SMTP, "
				+ "authorization server, "
				+ (instances == 1 ? "three services" : instances + " instances of each service") + ", console...");
		LocalStack stack;
		try {
			stack = LocalStack.start(true, workDirectory, Map.of(), instances);
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
