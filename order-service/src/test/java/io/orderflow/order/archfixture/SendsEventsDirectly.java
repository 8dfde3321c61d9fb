package io.orderflow.order.archfixture;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * Breaks the outbox rule on purpose: {@code OrderServiceArchitectureRulesTest} checks the
 * rule notices.
 */
class SendsEventsDirectly {

	private final KafkaTemplate<String, Object> kafka;

	SendsEventsDirectly(KafkaTemplate<String, Object> kafka) {
		this.kafka = kafka;
	}

	void send(Object event) {
		kafka.send("orderflow.order.events", event);
	}

}
