package io.orderflow.order.archfixture;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Breaks the "Kafka stays in the messaging adapter" rule on purpose: a domain method
 * taking a record.
 */
class ReadsKafkaRecords {

	void on(ConsumerRecord<String, byte[]> record) {
	}

}
