package io.orderflow.order.orders.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.events.IntegrationEvent;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderRejected;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.cloudevents.CloudEventRecords;
import io.orderflow.order.OrderServiceIntegrationTestBase;
import io.orderflow.testsupport.SharedInfrastructure;
import io.orderflow.testsupport.deadletter.PoisonRecords;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Integration: records on {@code orderflow.payment.events} that can never be processed
 * end on order-service's dead-letter topic with their reason in headers, and the
 * partition keeps flowing (I6, docs/architecture.md).
 */
class PoisonPaymentEventsIT extends OrderServiceIntegrationTestBase {

	private static final String MARKER = "test-poison-id";

	private static final EventJson EVENT_JSON = new EventJson();

	/**
	 * A poison record sent by this test: its marker, what it is, and words its
	 * dead-letter reason must contain.
	 */
	record Poison(String marker, String name, byte[] value, String reason) {

		/**
		 * The deserialiser refuses it (the original bytes travel on); the listener
		 * refuses the others.
		 */
		boolean undeserialisable() {
			return value != null;
		}

	}

	/**
	 * Ten kinds of poison, all on one partition, then valid events behind them on the
	 * same partition. A poison costs the partition a fetch round trip, so the whole burst
	 * outlasts the 3 s saga deadline: the order the poisons are about is expected to
	 * expire meanwhile, and the order that proves the partition still flows is placed
	 * once the poisons are dead-lettered.
	 */
	@Test
	void poisonRecordsGoToTheDeadLetterTopicWithTheirReasonAndThePartitionKeepsFlowing() throws Exception {
		UUID orderId = placeOrder(newCustomer("poison"));
		UUID otherOrderId = placeOrder(newCustomer("poison-other"));
		int partition = partitionOf(orderId);
		List<Poison> poisons = new ArrayList<>();

		// 1. garbage bytes under a known type
		byte[] garbage = { (byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef, 0x00, 0x7b, (byte) 0xff };
		poisons.add(send(partition, "garbage bytes", record(authorized(orderId), orderId.toString(), garbage), garbage,
				"Payload is not a valid orderflow.payment.authorized.v1"));

		// 2. a valid payload under a type nobody registered
		PaymentAuthorized unknownType = authorized(orderId);
		byte[] unknownTypeValue = EVENT_JSON.write(unknownType);
		poisons.add(send(partition, "unknown ce_type",
				withHeader(record(unknownType, orderId.toString(), unknownTypeValue), "ce_type",
						"orderflow.payment.captured.v9"),
				unknownTypeValue, "Unknown event type 'orderflow.payment.captured.v9'"));

		// 3. valid JSON without a field the contract requires
		PaymentAuthorized incomplete = authorized(orderId);
		ObjectNode withoutChargeId = (ObjectNode) JSON.readTree(EVENT_JSON.write(incomplete));
		withoutChargeId.remove("chargeId");
		byte[] incompleteValue = JSON.writeValueAsBytes(withoutChargeId);
		poisons.add(send(partition, "missing required field", record(incomplete, orderId.toString(), incompleteValue),
				incompleteValue, "chargeId"));

		// 4. no key: a decline that would reject the order if it were applied
		PaymentDeclined keyless = declined(orderId, "keyless");
		poisons.add(send(partition, "record without key", record(keyless, null, EVENT_JSON.write(keyless)), null,
				"Record key 'null' is not the aggregate id " + orderId));

		// 5. key of one order, payload of another: would confirm the other order if it
		// were applied
		PaymentAuthorized misKeyed = authorized(otherOrderId);
		poisons.add(send(partition, "key is not the order id",
				record(misKeyed, orderId.toString(), EVENT_JSON.write(misKeyed)), null,
				"Record key '" + orderId + "' is not the aggregate id " + otherOrderId));

		// 6. CloudEvents headers that contradict the payload
		PaymentAuthorized wrongId = authorized(orderId);
		byte[] wrongIdValue = EVENT_JSON.write(wrongId);
		poisons.add(send(partition, "ce_id not the event id",
				withHeader(record(wrongId, orderId.toString(), wrongIdValue), "ce_id", UUID.randomUUID().toString()),
				wrongIdValue, "ce_id"));

		// 7. no ce_type at all
		PaymentAuthorized untyped = authorized(orderId);
		byte[] untypedValue = EVENT_JSON.write(untyped);
		ProducerRecord<String, byte[]> untypedRecord = record(untyped, orderId.toString(), untypedValue);
		untypedRecord.headers().remove("ce_type");
		poisons.add(send(partition, "missing ce_type", untypedRecord, untypedValue, "Missing header ce_type"));

		// 8. an empty value
		poisons.add(send(partition, "empty value", record(authorized(orderId), orderId.toString(), new byte[0]),
				new byte[0], "Empty record value"));

		// 9. a well-formed event about an order that does not exist
		UUID nowhere = UUID.randomUUID();
		PaymentAuthorized forUnknownOrder = authorized(nowhere);
		poisons.add(send(partition, "unknown order",
				record(forUnknownOrder, nowhere.toString(), EVENT_JSON.write(forUnknownOrder)), null,
				"unknown order " + nowhere));

		// 10. a valid event padded to 2 MB: the topic takes it, the consumer's size limit
		// refuses it unparsed
		PaymentAuthorized oversized = authorized(orderId);
		byte[] oversizedValue = PoisonRecords.paddedTo(EVENT_JSON.write(oversized), PoisonRecords.OVERSIZED_BYTES);
		poisons.add(send(partition, "2 MB record", record(oversized, orderId.toString(), oversizedValue),
				oversizedValue, PoisonRecords.OVERSIZED_REASON));

		// a valid event queued right behind the poisons is processed (its effect depends
		// on the deadline)
		PaymentAuthorized queuedBehind = authorized(orderId);
		publish(queuedBehind);
		awaitProcessed(queuedBehind.eventId());

		Map<String, ConsumerRecord<String, byte[]>> deadLetters = deadLetters(poisons);
		assertThat(deadLetters).hasSize(poisons.size());
		SoftAssertions.assertSoftly(softly -> {
			for (Poison poison : poisons) {
				ConsumerRecord<String, byte[]> dead = deadLetters.get(poison.marker());
				softly.assertThat(header(dead, "kafka_dlt-original-topic"))
					.as(poison.name())
					.isEqualTo(PaymentEvent.TOPIC);
				softly.assertThat(header(dead, "kafka_dlt-exception-fqcn")).as(poison.name()).isNotBlank();
				softly.assertThat(header(dead, "kafka_dlt-exception-stacktrace"))
					.as(poison.name() + " stacktrace")
					.contains(poison.reason());
				// spring-kafka's message header says only "failed to deserialize" for
				// what the deserialiser refused;
				// the reason is in the stack trace header (the cause). Refusals by the
				// listener carry it in the message.
				softly.assertThat(header(dead, "kafka_dlt-exception-message"))
					.as(poison.name() + " message")
					.contains(poison.undeserialisable() ? "failed to deserialize" : poison.reason());
				softly.assertThat(header(dead, "orderflow_dlt-reason"))
					.as(poison.name() + " reason")
					.contains(poison.reason());
				softly.assertThat(dead.headers().lastHeader("kafka_dlt-original-partition"))
					.as(poison.name())
					.isNotNull();
				softly.assertThat(dead.headers().lastHeader("kafka_dlt-original-offset")).as(poison.name()).isNotNull();
				if (poison.value() != null) {
					softly.assertThat(dead.value())
						.as(poison.name() + ": original bytes kept")
						.isEqualTo(poison.value());
				}
			}
		});
		for (UUID eventId : List.of(keyless.eventId(), misKeyed.eventId(), forUnknownOrder.eventId(), wrongId.eventId(),
				oversized.eventId())) {
			assertThat(processed(eventId)).as("poison %s applied", eventId).isFalse();
		}
		assertThat(historyStatuses(orderId)).doesNotContain("REJECTED");
		assertThat(historyStatuses(otherOrderId)).doesNotContain("CONFIRMED");

		// after the burst: a fresh order on the same partition is confirmed as usual
		UUID freshOrderId = placeOrder(newCustomer("after-poison"));
		PaymentAuthorized afterBurst = authorized(freshOrderId);
		topics.send(new ProducerRecord<>(PaymentEvent.TOPIC, partition, freshOrderId.toString(),
				EVENT_JSON.write(afterBurst), record(afterBurst, freshOrderId.toString(), null).headers()));

		awaitStatus(freshOrderId, "CONFIRMED");
		awaitOutboxDrained(freshOrderId);
		assertThat(orderEvents(freshOrderId, OrderConfirmed.class)).hasSize(1);
		assertThat(orderEvents(orderId, OrderRejected.class)).isEmpty();
		assertThat(orderEvents(otherOrderId, OrderConfirmed.class)).isEmpty();
	}

	private List<String> historyStatuses(UUID orderId) {
		return PaymentResultsIT.historyStatuses(order(orderId));
	}

	/** The records of this test on the dead-letter topic, by marker. */
	private static Map<String, ConsumerRecord<String, byte[]>> deadLetters(List<Poison> poisons) {
		List<String> markers = poisons.stream().map(Poison::marker).toList();
		Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
		for (ConsumerRecord<String, byte[]> record : topics.readAll(PAYMENT_DLT)) {
			var marker = record.headers().lastHeader(MARKER);
			if (marker != null && markers.contains(new String(marker.value(), StandardCharsets.UTF_8))) {
				found.put(new String(marker.value(), StandardCharsets.UTF_8), record);
			}
		}
		return found;
	}

	/**
	 * The record payment-service would publish for the event, with the given key and
	 * value.
	 */
	private static ProducerRecord<String, byte[]> record(IntegrationEvent event, String key, byte[] value) {
		ProducerRecord<String, Object> ce = CloudEventRecords.of(PaymentEvent.TOPIC, event.aggregateId().toString(),
				event.eventId(), PaymentEvent.CATALOG.typeOf(event), PaymentEvent.CATALOG.source(), event.occurredAt(),
				value);
		return new ProducerRecord<>(PaymentEvent.TOPIC, null, key, value, ce.headers());
	}

	private static ProducerRecord<String, byte[]> withHeader(ProducerRecord<String, byte[]> record, String name,
			String value) {
		record.headers().remove(name);
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
		return record;
	}

	private static Poison send(int partition, String name, ProducerRecord<String, byte[]> record, byte[] value,
			String reason) {
		String marker = UUID.randomUUID().toString();
		record.headers().add(MARKER, marker.getBytes(StandardCharsets.UTF_8));
		topics.send(new ProducerRecord<>(record.topic(), partition, record.key(), record.value(), record.headers()));
		return new Poison(marker, name, value, reason);
	}

	/**
	 * The partition the default partitioner picks for the order's key, where its valid
	 * events go.
	 */
	private static int partitionOf(UUID orderId) throws Exception {
		try (Admin admin = Admin.create(SharedInfrastructure.kafkaAdmin().clientProperties())) {
			int partitions = admin.describeTopics(List.of(PaymentEvent.TOPIC))
				.allTopicNames()
				.get()
				.get(PaymentEvent.TOPIC)
				.partitions()
				.size();
			return BuiltInPartitioner.partitionForKey(orderId.toString().getBytes(StandardCharsets.UTF_8), partitions);
		}
	}

}
