package io.orderflow.messaging.consumer;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit test of the replay topics' naming, and of what a record read from one is to the
 * rest of the delivery machinery: a record of its source topic.
 */
class ReplayTopicsTest {

	@Test
	void aGroupsReplayTopicIsNamedAfterTheConsumedTopicAndTheGroup() {
		assertThat(ReplayTopics.of(OrderEvent.TOPIC, "payment-service"))
			.isEqualTo("orderflow.order.events.payment-service.replay");
		assertThat(ReplayTopics.OF_OWN_GROUP).isEqualTo(".${spring.kafka.consumer.group-id}.replay");
	}

	@Test
	void aRecordReadFromTheReplayTopicIsDeadLetteredToTheSourceTopicsDeadLetterTopic() {
		String replayTopic = ReplayTopics.of(OrderEvent.TOPIC, "payment-service");

		assertThat(DeadLetterTopics.ofRecordFrom(replayTopic, "payment-service"))
			.isEqualTo("orderflow.order.events.payment-service.dlt");
		assertThat(DeadLetterTopics.ofRecordFrom(OrderEvent.TOPIC, "payment-service"))
			.isEqualTo("orderflow.order.events.payment-service.dlt");
		assertThat(DeadLetterTopics.ofRecordFrom(replayTopic, "notification-service"))
			.as("another group's replay topic is no replay topic of this group")
			.isEqualTo("orderflow.order.events.payment-service.replay.notification-service.dlt");
	}

	@Test
	void theSourceTopicOfAReplayTopicIsFoundWithOrWithoutTheGroup() {
		String replayTopic = ReplayTopics.of(PaymentEvent.TOPIC, "order-service");

		assertThat(ReplayTopics.sourceOf(replayTopic, "order-service")).isEqualTo(PaymentEvent.TOPIC);
		assertThat(ReplayTopics.sourceOf(PaymentEvent.TOPIC, "order-service")).isEqualTo(PaymentEvent.TOPIC);
		assertThat(ReplayTopics.isReplayTopicOf(replayTopic, PaymentEvent.TOPIC)).isTrue();
		assertThat(ReplayTopics.isReplayTopicOf(replayTopic, OrderEvent.TOPIC)).isFalse();
		assertThat(ReplayTopics.isReplayTopicOf(PaymentEvent.TOPIC + ".replay", PaymentEvent.TOPIC))
			.as("no group in the name")
			.isFalse();
		assertThat(ReplayTopics.isReplayTopicOf(DeadLetterTopics.of(PaymentEvent.TOPIC, "order-service"),
				PaymentEvent.TOPIC))
			.isFalse();
	}

	@Test
	void aReplayTopicCarriesItsSourceTopicsFamily() {
		ConsumedEvents consumed = ConsumedEvents.of(PaymentEvent.CATALOG);

		assertThat(consumed.catalogFor(ReplayTopics.of(PaymentEvent.TOPIC, "order-service")))
			.contains(PaymentEvent.CATALOG);
		assertThat(consumed.catalogFor(ReplayTopics.of(OrderEvent.TOPIC, "order-service"))).isEmpty();
		assertThat(consumed.catalogFor(DeadLetterTopics.of(PaymentEvent.TOPIC, "order-service"))).isEmpty();
		assertThat(consumed.topics()).containsExactly(PaymentEvent.TOPIC);
	}

}
