package io.orderflow.order.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.cloudevents.CloudEventRecords;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.messaging.consumer.ReplayTopics;
import io.orderflow.order.OrderServiceIntegrationTestBase;
import io.orderflow.testsupport.deadletter.DeadLetterAssertions;
import io.orderflow.testsupport.identity.TestIdentities;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Integration: an operator's replay of a dead-lettered payment result, through
 * {@code /admin/dead-letters}, goes to order-service's own replay topic, never to
 * {@code orderflow.payment.events} (which order-service may not write, and whose every
 * consumer would see it); order-service reads it there as a payment result and the order
 * completes. A replay that fails again is a dead letter of
 * {@code orderflow.payment.events} again.
 */
class DeadLetterReplayIT extends OrderServiceIntegrationTestBase {

	private static final String REPLAYS = ReplayTopics.of(PaymentEvent.TOPIC, "order-service");

	@Test
	void aReplayedPaymentResultIsReadFromTheReplayTopicAndTheOrderCompletes() {
		UUID orderId = placeOrder(newCustomer("replay"));
		PaymentAuthorized authorized = authorized(orderId);
		// what the error handler leaves when it gave up on the result: its record in the
		// group's dead-letter topic
		ProducerRecord<String, Object> original = CloudEventRecords.of(PaymentEvent.TOPIC, orderId.toString(),
				authorized.eventId(), PaymentEvent.CATALOG.typeOf(authorized), PaymentEvent.CATALOG.source(),
				authorized.occurredAt(), new EventJson().write(authorized));
		topics.send(
				new ProducerRecord<>(PAYMENT_DLT, null, original.key(), (byte[]) original.value(), original.headers()));
		ConsumerRecord<String, byte[]> deadLetter = eventually()
			.until(() -> lastRecordOf(PAYMENT_DLT, authorized.eventId(), PaymentEvent.TOPIC), record -> record != null);

		HttpResponse<String> replayed = replay(deadLetter);

		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		assertThat(json(replayed).at("/replayedTo/topic").asString()).isEqualTo(REPLAYS);
		awaitStatus(orderId, "CONFIRMED");
		assertThat(topics.readAll(REPLAYS)).filteredOn(record -> isEvent(record, authorized.eventId()))
			.singleElement()
			.satisfies(record -> assertThat(record.key()).isEqualTo(orderId.toString()));
		assertThat(topics.readAll(PaymentEvent.TOPIC)).as("nothing re-published where payment-service publishes")
			.noneMatch(record -> isEvent(record, authorized.eventId()));
	}

	@Test
	void aReplayThatFailsAgainIsADeadLetterOfThePaymentTopicAgain() {
		PaymentAuthorized aboutNoOrder = authorized(UUID.randomUUID());
		publish(aboutNoOrder);
		ConsumerRecord<String, byte[]> deadLetter = eventually().until(
				() -> lastRecordOf(PAYMENT_DLT, aboutNoOrder.eventId(), PaymentEvent.TOPIC), record -> record != null);

		assertThat(replay(deadLetter).statusCode()).isEqualTo(200);

		ConsumerRecord<String, byte[]> again = eventually()
			.until(() -> lastRecordOf(PAYMENT_DLT, aboutNoOrder.eventId(), REPLAYS), record -> record != null);
		assertThat(again.offset()).isGreaterThan(deadLetter.offset());
		DeadLetterAssertions.of(List.of(again), REPLAYS, "order-service")
			.assertDeadLettered(aboutNoOrder, PoisonEventException.class, "is about an unknown order");
	}

	/**
	 * {@code POST /admin/dead-letters/{topic}/{partition}/{offset}/replay} with the
	 * operator's token.
	 */
	private HttpResponse<String> replay(ConsumerRecord<String, byte[]> deadLetter) {
		return send(HttpRequest
			.newBuilder(uri("/admin/dead-letters/" + deadLetter.topic() + "/" + deadLetter.partition() + "/"
					+ deadLetter.offset() + "/replay"))
			.header("Authorization", "Bearer " + TestIdentities.operatorToken())
			.POST(HttpRequest.BodyPublishers.noBody()));
	}

	/**
	 * The last record of the dead-letter topic about the event that was read from
	 * {@code originalTopic} (a record written there by hand counts as read from the
	 * source topic); {@code null} before there is one.
	 */
	private static ConsumerRecord<String, byte[]> lastRecordOf(String deadLetterTopic, UUID eventId,
			String originalTopic) {
		return topics.readAll(deadLetterTopic)
			.stream()
			.filter(record -> isEvent(record, eventId))
			.filter(record -> originalTopic.equals(originalTopicOf(record)))
			.reduce((first, last) -> last)
			.orElse(null);
	}

	private static boolean isEvent(ConsumerRecord<String, byte[]> record, UUID eventId) {
		var id = record.headers().lastHeader("ce_id");
		return id != null && eventId.toString().equals(new String(id.value(), StandardCharsets.UTF_8));
	}

	private static String originalTopicOf(ConsumerRecord<String, byte[]> record) {
		var topic = record.headers().lastHeader("kafka_dlt-original-topic");
		return topic == null ? PaymentEvent.TOPIC : new String(topic.value(), StandardCharsets.UTF_8);
	}

}
