package io.orderflow.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.orderflow.probes.kafka.KafkaConnection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Raw broker throughput on the same broker: Kafka's own
 * {@code org.apache.kafka.tools.ProducerPerformance}, run as a separate JVM from this
 * module's classpath, {@code acks=all} with the idempotent producer (Kafka's default), at
 * the mean record size orderflow's events had in the run, into a topic with the same 3
 * partitions, unthrottled.
 */
final class BrokerBaseline {

	static final String TOPIC = "orderflow.benchmark.baseline";

	/**
	 * The tool's summary line: "N records sent, X records/sec (Y MB/sec), A ms avg
	 * latency, B ms max latency, ...".
	 */
	private static final Pattern SUMMARY = Pattern.compile(
			"(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\), ([0-9.]+) ms avg latency, ([0-9.]+) ms max latency(?:, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th)?");

	record Result(long records, int recordSize, double recordsPerSecond, double mbPerSecond, double avgLatencyMs,
			double p99LatencyMs, String summaryLine) {
	}

	private BrokerBaseline() {
	}

	static Result run(KafkaConnection kafka, int records, int recordSize, Path logDirectory)
			throws IOException, InterruptedException {
		createTopic(kafka);
		java.nio.file.Files.createDirectories(logDirectory);
		Path producerConfig = producerConfig(kafka, logDirectory);
		List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
				"-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.apache.kafka.tools.ProducerPerformance",
				"--topic", TOPIC, "--num-records", String.valueOf(records), "--record-size", String.valueOf(recordSize),
				"--throughput", "-1", "--producer.config", producerConfig.toString(), "--producer-props", "acks=all",
				"enable.idempotence=true"));
		Path log = logDirectory.resolve("producer-performance.log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly().waitFor();
			throw new IllegalStateException("ProducerPerformance did not finish; see " + log);
		}
		String output = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
		MatchResult last = null;
		Matcher matcher = SUMMARY.matcher(output);
		while (matcher.find()) {
			last = matcher.toMatchResult(); // the final line is the whole run's summary
		}
		if (last == null) {
			throw new IllegalStateException(
					"No summary from ProducerPerformance (exit " + process.exitValue() + "); see " + log);
		}
		return new Result(Long.parseLong(last.group(1)), recordSize, Double.parseDouble(last.group(2)),
				Double.parseDouble(last.group(3)), Double.parseDouble(last.group(4)),
				last.group(8) == null ? Double.NaN : Double.parseDouble(last.group(8)), last.group(0));
	}

	/**
	 * The broker and the login in a file only its owner reads, not on the command line,
	 * where every user of the machine could see the password.
	 */
	private static Path producerConfig(KafkaConnection kafka, Path directory) throws IOException {
		Path file = directory.resolve("producer-performance.properties");
		java.nio.file.Files.deleteIfExists(file);
		java.nio.file.Files.createFile(file,
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		Properties config = new Properties();
		kafka.clientProperties().forEach((name, value) -> config.setProperty(name, value.toString()));
		try (var out = java.nio.file.Files.newOutputStream(file)) {
			config.store(out, "the benchmark's broker baseline");
		}
		return file;
	}

	private static void createTopic(KafkaConnection kafka) throws InterruptedException {
		try (Admin admin = Admin.create(kafka.clientProperties())) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		catch (java.util.concurrent.ExecutionException ex) {
			if (!(ex.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
				throw new IllegalStateException("Could not create " + TOPIC, ex);
			}
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Could not create " + TOPIC, ex);
		}
	}

}
