package io.orderflow.localstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderflow.embedded.kafka.KafkaBroker;
import io.orderflow.localstack.process.ServiceProcess;

/**
 * Lets a person at the terminal stop, kill and start services while the rest keeps
 * running, to watch the system cope: {@code stop payment}, place orders,
 * {@code start payment}, watch them complete.
 */
final class ConsoleCommands {

	static final String HELP = """
			Commands: stop <service> | kill <service> (SIGKILL) | pause <service> (SIGSTOP) | resume <service>
			          | start <service> | status | help
			          <service> is order, payment or notification; payment-2 is the second instance
			          stop|start kafka, stop|start postgres: take the broker or the database away and back
			          (with --brokers 3, kafka-2 is the second node)""";

	private static final Pattern NUMBERED = Pattern.compile("(.+)-(\\d)");

	private final LocalStack stack;

	ConsoleCommands(LocalStack stack) {
		this.stack = stack;
	}

	/**
	 * Reads commands until the input ends; runs on a daemon thread so it never holds the
	 * JVM up.
	 */
	void listen(InputStream input) {
		Thread.ofPlatform().daemon().name("local-stack-console").start(() -> {
			try (var reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					if (!line.isBlank()) {
						System.out.println(execute(line.strip()));
					}
				}
			}
			catch (IOException ex) {
				// no terminal: nothing to listen to
			}
		});
	}

	String execute(String line) {
		String[] words = line.toLowerCase(Locale.ROOT).split("\\s+");
		if (words[0].equals("status")) {
			StringBuilder status = new StringBuilder();
			for (ServiceProcess process : stack.allInstances()) {
				status.append("  %-23s %s%n".formatted(process.name() + " :" + process.port(),
						process.isSuspended() ? "paused" : process.isAlive() ? "running" : "stopped"));
			}
			List<KafkaBroker> nodes = stack.kafkaNodes();
			for (int node = 1; node <= nodes.size(); node++) {
				status.append("  %-21s %s%n".formatted(nodeName(nodes, node),
						nodes.get(node - 1).isRunning() ? "running" : "stopped"));
			}
			status.append("  %-21s %s%n".formatted("postgres", stack.postgres().isRunning() ? "running" : "stopped"));
			status.append("  %-21s %s%n".formatted("console", stack.console().baseUri()));
			return status.toString();
		}
		if (words.length != 2 || !Arrays.asList("stop", "kill", "pause", "resume", "start").contains(words[0])) {
			return HELP;
		}
		if (words[1].equals("postgres")) {
			return infrastructure(words[0], words[1], stack.postgres()::stop, stack.postgres()::start);
		}
		Optional<KafkaBroker> node = kafkaNode(words[1]);
		if (node.isPresent()) {
			return infrastructure(words[0], words[1], node.get()::stop, node.get()::start);
		}
		Optional<ServiceProcess> named = instance(words[1]);
		if (named.isEmpty()) {
			return "Unknown service '" + words[1] + "'.\n" + HELP;
		}
		ServiceProcess process = named.get();
		try {
			switch (words[0]) {
				case "stop" -> process.stop();
				case "kill" -> process.kill();
				case "pause" -> process.suspend();
				case "resume" -> process.resume();
				default -> process.start().awaitReady(Duration.ofSeconds(90));
			}
			if (words[0].equals("pause")) {
				return process.name() + " is paused (SIGSTOP): 'resume " + words[1] + "' lets it go on";
			}
			return process.name() + (process.isAlive() ? " is running" : " is stopped");
		}
		catch (RuntimeException ex) {
			return process.name() + ": " + ex.getMessage();
		}
	}

	/**
	 * {@code payment}, {@code payment-service}: the first instance; {@code payment-2}:
	 * the second.
	 */
	private Optional<ServiceProcess> instance(String word) {
		return InstanceWord.parse(word).flatMap(named -> {
			List<ServiceProcess> instances = stack.instances(named.service());
			return named.number() <= instances.size() ? Optional.of(instances.get(named.number() - 1))
					: Optional.empty();
		});
	}

	/**
	 * What a word at the terminal names: a service (by any prefix of its module name) and
	 * which of its instances, counting from 1.
	 */
	record InstanceWord(OrderflowService service, int number) {

		static Optional<InstanceWord> parse(String word) {
			Matcher numbered = NUMBERED.matcher(word);
			String service = numbered.matches() ? numbered.group(1) : word;
			int number = numbered.matches() ? Integer.parseInt(numbered.group(2)) : 1;
			if (number < 1) {
				return Optional.empty();
			}
			return Arrays.stream(OrderflowService.values())
				.filter(candidate -> candidate.moduleName().startsWith(service))
				.findFirst()
				.map(named -> new InstanceWord(named, number));
		}

	}

	private Optional<KafkaBroker> kafkaNode(String word) {
		List<KafkaBroker> nodes = stack.kafkaNodes();
		return kafkaNodeNumber(word, nodes.size()).map(number -> nodes.get(number - 1));
	}

	/**
	 * Which Kafka node a word names, counting from 1: {@code kafka} is the broker, or
	 * node 1 of the cluster; {@code kafka-2} is node 2.
	 */
	static Optional<Integer> kafkaNodeNumber(String word, int nodes) {
		Matcher numbered = NUMBERED.matcher(word);
		if (word.equals("kafka")) {
			return Optional.of(1);
		}
		if (numbered.matches() && numbered.group(1).equals("kafka")) {
			int number = Integer.parseInt(numbered.group(2));
			return (number >= 1 && number <= nodes) ? Optional.of(number) : Optional.empty();
		}
		return Optional.empty();
	}

	private static String nodeName(List<KafkaBroker> nodes, int node) {
		return (nodes.size() == 1) ? "kafka" : "kafka-" + node;
	}

	/**
	 * A broker and the database stop cleanly (there is no SIGKILL for a server in this
	 * JVM).
	 */
	private static String infrastructure(String command, String name, Runnable stop, Runnable start) {
		try {
			(command.equals("start") ? start : stop).run();
			return name + (command.equals("start") ? " is running" : " is stopped");
		}
		catch (RuntimeException ex) {
			return name + ": " + ex.getMessage();
		}
	}

}
