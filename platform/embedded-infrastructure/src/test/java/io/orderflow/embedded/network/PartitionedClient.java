package io.orderflow.embedded.network;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The process {@link NetworkPartitionIT} runs inside an {@link IsolatedHost}: a Kafka
 * producer and consumer and a JDBC connection kept open across commands, as a service
 * keeps them. On {@code kafka} it produces a record and consumes it back; on
 * {@code database} it runs a query; it answers each with one line, {@code OK <millis>} or
 * {@code FAILED <millis> <exception>}. Where to connect and as whom comes from the
 * environment, not the command line.
 */
public final class PartitionedClient {

	/** Short enough for a test to see a partition within seconds. */
	private static final Map<String, Object> QUICK_TO_GIVE_UP = Map.of("request.timeout.ms", 3000,
			"socket.connection.setup.timeout.ms", 2000, "socket.connection.setup.timeout.max.ms", 4000,
			"reconnect.backoff.max.ms", 1000);

	private static final Duration KAFKA_ROUND_TRIP = Duration.ofSeconds(10);

	private final KafkaProducer<String, String> producer;

	private final KafkaConsumer<String, String> consumer;

	private final String topic;

	private Connection connection;

	private PartitionedClient(Map<String, Object> kafka, String topic) {
		this.topic = topic;
		Map<String, Object> producerConfig = new HashMap<>(kafka);
		producerConfig.put("delivery.timeout.ms", 6000);
		producerConfig.put("max.block.ms", 6000);
		producerConfig.put("acks", "all");
		producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer());
		Map<String, Object> consumerConfig = new HashMap<>(kafka);
		consumerConfig.put("enable.auto.commit", false);
		consumerConfig.put("default.api.timeout.ms", 6000);
		consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
		TopicPartition partition = new TopicPartition(topic, 0);
		consumer.assign(List.of(partition));
		consumer.seekToEnd(List.of(partition));
		// seekToEnd is lazy: without this, the first record produced could be skipped
		consumer.position(partition);
	}

	public static void main(String[] arguments) throws Exception {
		// standard output is for the answers alone: whatever logs to it (Kafka's clients
		// do) goes to the error stream
		PrintStream answers = System.out;
		System.setOut(System.err);
		Map<String, Object> kafka = new HashMap<>(QUICK_TO_GIVE_UP);
		kafka.put("bootstrap.servers", System.getenv("KAFKA_BOOTSTRAP_SERVERS"));
		kafka.put("security.protocol", "SASL_PLAINTEXT");
		kafka.put("sasl.mechanism", "SCRAM-SHA-512");
		kafka.put("sasl.jaas.config", System.getenv("KAFKA_JAAS_CONFIG"));
		PartitionedClient client = new PartitionedClient(kafka, System.getenv("KAFKA_TOPIC"));
		BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		answers.println("READY");
		answers.flush();
		for (String command = commands.readLine(); command != null; command = commands.readLine()) {
			long start = System.nanoTime();
			String failure = switch (command) {
				case "kafka" -> client.roundTrip();
				case "database" -> client.query();
				default -> "unknown command " + command;
			};
			long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
			answers.println(failure == null ? "OK " + millis : "FAILED " + millis + " " + failure);
			answers.flush();
		}
		client.producer.close(Duration.ZERO);
		client.consumer.close();
	}

	/** Produces a record and consumes it back; null when it came back. */
	private String roundTrip() {
		String value = UUID.randomUUID().toString();
		try {
			producer.send(new ProducerRecord<>(topic, 0, value, value)).get(8, TimeUnit.SECONDS);
			long deadline = System.nanoTime() + KAFKA_ROUND_TRIP.toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
					if (value.equals(record.value())) {
						return null;
					}
				}
			}
			return "the record did not come back within " + KAFKA_ROUND_TRIP;
		}
		catch (Exception ex) {
			return describe(ex);
		}
	}

	/**
	 * A query on the connection kept open (a new one after a failure); null when
	 * answered.
	 */
	private String query() {
		try {
			if (connection == null) {
				connection = DriverManager.getConnection(System.getenv("JDBC_URL"), System.getenv("JDBC_USER"),
						System.getenv("JDBC_PASSWORD"));
			}
			try (Statement statement = connection.createStatement();
					ResultSet row = statement.executeQuery("select 1")) {
				row.next();
				return null;
			}
		}
		catch (SQLException ex) {
			if (connection != null) {
				try {
					connection.close();
				}
				catch (SQLException closing) {
					// a broken connection
				}
				connection = null;
			}
			return describe(ex);
		}
	}

	private static String describe(Throwable failure) {
		Throwable cause = failure.getCause() != null && !(failure instanceof SQLException) ? failure.getCause()
				: failure;
		return (cause.getClass().getName() + ": " + cause.getMessage()).replace('\n', ' ');
	}

}
