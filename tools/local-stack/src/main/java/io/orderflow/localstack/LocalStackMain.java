package io.orderflow.localstack;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntPredicate;

import io.orderflow.embedded.kafka.KafkaCluster;

/**
 * {@code ./run-local.sh [--instances N] [--brokers 3]}: starts the system on the demo's
 * fixed ports, prints where everything is, and stops all of it on Ctrl-C or SIGTERM.
 */
public final class LocalStackMain {

	static final String USAGE = "Usage: ./run-local.sh [--instances N] [--brokers 3]\n"
			+ "  --instances N  N instances of each service, 1 to " + StackShape.MAX_INSTANCES
			+ "; the n-th on its port + 10000·(n-1): 18081-18083 for the second\n"
			+ "  --brokers 3    a Kafka cluster of three nodes on 9092-9094, topics replicated on all three";

	private LocalStackMain() {
	}

	/**
	 * {@code --instances N} and {@code --brokers N}, each also as {@code --option=N}, in
	 * any order; one of each without them.
	 */
	static StackShape shape(String... args) {
		List<String> words = Arrays.stream(args).flatMap(arg -> Arrays.stream(arg.split("=", 2))).toList();
		if (words.size() % 2 != 0) {
			throw new IllegalArgumentException("Unknown arguments: " + String.join(" ", args));
		}
		StackShape shape = StackShape.ONE_OF_EACH;
		Set<String> given = new HashSet<>();
		for (int at = 0; at < words.size(); at += 2) {
			String option = words.get(at);
			String value = words.get(at + 1);
			if (!given.add(option)) {
				throw new IllegalArgumentException(option + " is given twice");
			}
			shape = switch (option) {
				case "--instances" ->
					shape.withInstances(number(value, option, n -> n >= 1 && n <= StackShape.MAX_INSTANCES,
							"a number from 1 to " + StackShape.MAX_INSTANCES));
				case "--brokers" -> shape.withBrokers(
						number(value, option, n -> n == 1 || n == KafkaCluster.SIZE, "1 or " + KafkaCluster.SIZE));
				default -> throw new IllegalArgumentException("Unknown arguments: " + String.join(" ", args));
			};
		}
		return shape;
	}

	private static int number(String value, String option, IntPredicate allowed, String what) {
		try {
			int number = Integer.parseInt(value);
			if (allowed.test(number)) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// said below
		}
		throw new IllegalArgumentException(option + " takes " + what + ", not '" + value + "'");
	}

	public static void main(String[] args) throws InterruptedException {
		// the launcher's own quiet logging; named apart so it never leaks into tests that
		// use this module
		System.setProperty("logback.configurationFile", "logback-local-stack.xml");
		StackShape shape;
		try {
			shape = shape(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage() + "\n" + USAGE);
			System.exit(2);
			return;
		}
		Path workDirectory = LocalStack.RepositoryLayout.root().resolve(".local-stack");
		System.out.println("Starting orderflow: " + (shape.replicated() ? "a Kafka cluster of three nodes" : "Kafka")
				+ ", PostgreSQL, payment provider simulator, SMTP, authorization server, "
				+ (shape.instances() == 1 ? "three services" : shape.instances() + " instances of each service")
				+ ", console...");
		LocalStack stack;
		try {
			stack = LocalStack.start(true, workDirectory, Map.of(), shape);
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
