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
			          stop|start kafka, stop|start postgres: take the broker or the database away and back""";

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
			status.append("  %-21s %s%n".formatted("kafka", stack.kafka().isRunning() ? "running" : "stopped"));
			status.append("  %-21s %s%n".formatted("postgres", stack.postgres().isRunning() ? "running" : "stopped"));
			status.append("  %-21s %s%n".formatted("console", stack.console().baseUri()));
			return status.toString();
		}
		if (words.length != 2 || !Arrays.asList("stop", "kill", "pause", "resume", "start").contains(words[0])) {
			return HELP;
		}
		if (words[1].equals("kafka") || words[1].equals("postgres")) {
			return infrastructure(words[0], words[1]);
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

	/**
	 * The broker and the database stop cleanly (there is no SIGKILL for a server in this
	 * JVM).
	 */
	private String infrastructure(String command, String name) {
		Runnable stop = name.equals("kafka") ? stack.kafka()::stop : stack.postgres()::stop;
		Runnable start = name.equals("kafka") ? stack.kafka()::start : stack.postgres()::start;
		try {
			(command.equals("start") ? start : stop).run();
			return name + (command.equals("start") ? " is running" : " is stopped");
		}
		catch (RuntimeException ex) {
			return name + ": " + ex.getMessage();
		}
	}

}
