package io.orderflow.localstack.kafka;

import java.util.HashMap;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real single-node Apache Kafka broker in KRaft mode, started in this JVM from Kafka's own artifacts (through
 * spring-kafka-test's {@link EmbeddedKafkaKraftBroker}). Topics are never auto-created: every service declares
 * the topics it uses, and a typo fails loudly instead of creating a topic nobody reads.
 */
public final class KafkaBroker implements AutoCloseable {

	private final EmbeddedKafkaKraftBroker broker;

	private KafkaBroker(EmbeddedKafkaKraftBroker broker) {
		this.broker = broker;
	}

	/** @param port the listener port, or 0 for a free one */
	public static KafkaBroker start(int port) {
		var broker = new EmbeddedKafkaKraftBroker(1, 3);
		Map<String, String> properties = new HashMap<>(Map.of("auto.create.topics.enable", "false",
				"group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "5"));
		if (port != 0) {
			// kafkaPorts(..) is ignored by the KRaft test kit; the listener itself takes the fixed port
			properties.put("listeners", "EXTERNAL://localhost:" + port + ",CONTROLLER://localhost:0");
		}
		broker.brokerProperties(properties);
		broker.afterPropertiesSet();
		return new KafkaBroker(broker);
	}

	/** {@code host:port} for {@code bootstrap.servers}. */
	public String bootstrapServers() {
		return broker.getBrokersAsString();
	}

	@Override
	public void close() {
		broker.destroy();
	}

}
