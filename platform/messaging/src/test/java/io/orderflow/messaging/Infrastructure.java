package io.orderflow.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import javax.sql.DataSource;

import io.orderflow.events.IntegrationEvent;
import io.orderflow.embedded.kafka.KafkaBroker;
import io.orderflow.embedded.postgres.DatabaseRole;
import io.orderflow.embedded.postgres.PostgresServer;
import io.orderflow.messaging.cloudevents.CloudEventHeaders;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real broker and one PostgreSQL for this module's integration tests, and a way to
 * read a topic.
 */
public final class Infrastructure {

	private static KafkaBroker kafka;

	private static PostgresServer postgres;

	private Infrastructure() {
	}

	static void register(DynamicPropertyRegistry registry) {
		start();
		register(registry, kafka.bootstrapServers(), "messaging_it");
	}

	/**
	 * For a test that needs an application of its own: on another broker (one it may
	 * stop) and its own database of the shared PostgreSQL, created on first use.
	 */
	public static void register(DynamicPropertyRegistry registry, String bootstrapServers, String database) {
		registry.add("spring.kafka.bootstrap-servers", () -> bootstrapServers);
		dataSourceProperties(database).forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * {@code spring.datasource.*} for a database of its own on the shared PostgreSQL,
	 * created on first use, logged in to as a service logs in: as its database's owner,
	 * never as the superuser.
	 */
	public static Map<String, String> dataSourceProperties(String database) {
		start();
		DatabaseRole owner = postgres.createOwnedDatabase(database);
		return Map.of("spring.datasource.url", postgres.jdbcUrl(database), "spring.datasource.username", owner.name(),
				"spring.datasource.password", owner.password());
	}

	private static synchronized void start() {
		if (kafka == null) {
			kafka = KafkaBroker.start(0);
			postgres = PostgresServer.start(0, null);
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				kafka.close();
				postgres.close();
			}));
		}
	}

	/**
	 * A database of its own on the shared PostgreSQL, created on first use, with
	 * platform/messaging's tables, logged in to as its owner.
	 */
	public static DataSource messagingDatabase(String name) {
		start();
		DatabaseRole owner = postgres.createOwnedDatabase(name);
		DataSource dataSource = new DriverManagerDataSource(postgres.jdbcUrl(name), owner.name(), owner.password());
		Flyway.configure().dataSource(dataSource).locations("classpath:db/messaging").load().migrate();
		return dataSource;
	}

	/**
	 * Every record of the topic, from the beginning of each partition to its current end.
	 */
	public static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
		try (var consumer = new KafkaConsumer<>(
				Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID()),
				new StringDeserializer(), new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map(info -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
			while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			return records;
		}
	}

	/**
	 * The record published on the topic for the event, found by its {@code ce_id};
	 * {@code null} before it is.
	 */
	public static ConsumerRecord<String, byte[]> publishedRecordOf(String topic, IntegrationEvent event) {
		return readAll(topic).stream()
			.filter(record -> event.eventId().toString().equals(header(record, CloudEventHeaders.ID)))
			.findFirst()
			.orElse(null);
	}

	/** The first record of the topic under the key; {@code null} before there is one. */
	public static ConsumerRecord<String, byte[]> firstWithKey(String topic, String key) {
		return readAll(topic).stream().filter(record -> key.equals(record.key())).findFirst().orElse(null);
	}

	/** A header's value as text, {@code null} when the record has none. */
	public static String header(ConsumerRecord<String, byte[]> record, String name) {
		var header = record.headers().lastHeader(name);
		return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
	}

	/** Creates the topic on the shared broker unless a test of this JVM did already. */
	public static void createTopic(String topic, int partitions) throws Exception {
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

	public static String bootstrapServers() {
		start();
		return kafka.bootstrapServers();
	}

}
