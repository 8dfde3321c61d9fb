package io.orderflow.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.stream.Stream;

import io.orderflow.events.order.OrderCancellationRequested;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentRefunded;
import io.orderflow.events.payment.PaymentVoided;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.cloudevents.CloudEventRecords;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.messaging.consumer.ReplayTopics;
import io.orderflow.provider.simulator.FaultSettings;
import io.orderflow.provider.simulator.Refund;
import io.orderflow.testsupport.deadletter.DeadLetterAssertions;
import io.orderflow.testsupport.identity.TestIdentities;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Giving money back when an order ends without an outcome, whatever the provider answered
 * on the way: refunds follow the same table as charges, and a payment whose charge
 * outcome was never learned (its {@code OrderPlaced} was dead-lettered after the provider
 * booked, or before) is settled by asking the provider. No orphan charge: every charge
 * the provider holds for an ended order is refunded in full, and "voided" is said only
 * when it holds none.
 */
class CompensationIT extends PaymentServiceIntegrationTestBase {

	private static final String REFUNDS = "POST /v1/refunds";

	private static final String DEAD_LETTER_TOPIC = "orderflow.order.events.payment-service.dlt";

	private static final String REPLAYS = ReplayTopics.of(OrderEvent.TOPIC, CONSUMER_GROUP);

	static Stream<Arguments> refundAnswersThatDecideNothing() {
		FaultSettings always = FaultSettings.NONE.withErrorRate(1.0);
		return Stream.of(Arguments.of("408 request timeout", always.withErrorStatus(408)),
				Arguments.of("429 rate limited", always.withErrorStatus(429)),
				Arguments.of("500 stored under the key", always.withErrorStatus(500)),
				Arguments.of("502 after the effect", always.withErrorStatus(502).withErrorAfterEffect(true)),
				Arguments.of("504 gateway timeout", always.withErrorStatus(504)),
				Arguments.of("200 with a proxy's HTML page", always.withNonJsonOk(true)),
				Arguments.of("401 API key refused: an outage", always.withErrorStatus(401)),
				Arguments.of("403 key lacks permission: an outage", always.withErrorStatus(403)),
				Arguments.of("404 on the base path: an outage", always.withErrorStatus(404)));
	}

	/**
	 * Refunds follow the charges' table: none of these answers gives the money back twice
	 * or leaves it kept.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("refundAnswersThatDecideNothing")
	void aRefundAnswerThatDecidesNothingIsSettledOnceAfterTheProviderHeals(String row, FaultSettings fault) {
		UUID orderId = chargedOrder();
		long faultsBefore = provider.stats().injectedErrors();
		provider.faults().set(fault);

		cancel(orderId);

		await("the provider answered " + row).atMost(Duration.ofSeconds(20))
			.until(() -> provider.stats().injectedErrors() > faultsBefore);
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).as(row).isIn("AUTHORIZED", "REFUNDED");
		provider.faults().reset();
		awaitRefunded(orderId);
	}

	@Test
	void aRefundThatFailsTransientlyIsRetriedUnderItsKeyAndRefundsOnce() {
		UUID orderId = chargedOrder();
		long refundsBefore = provider.stats().requests(REFUNDS);
		provider.faults().set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(503));

		cancel(orderId);

		await().atMost(Duration.ofSeconds(20)).until(() -> provider.stats().requests(REFUNDS) >= refundsBefore + 2);
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).isEqualTo("AUTHORIZED");
		provider.faults().reset();
		Refund refund = awaitRefunded(orderId);
		assertThat(refund.idempotencyKey()).isEqualTo("order-" + orderId + "-refund");
	}

	@Test
	void aRefundKeySpentOnAStoredFailureThatRefundedNothingIsFollowedByTheNextKey() {
		UUID orderId = chargedOrder();
		long refundsBefore = provider.stats().requests(REFUNDS);
		provider.faults().set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(500));

		cancel(orderId);

		await().atMost(Duration.ofSeconds(20)).until(() -> provider.stats().requests(REFUNDS) >= refundsBefore + 1);
		provider.faults().reset();
		Refund refund = awaitRefunded(orderId);
		assertThat(refund.idempotencyKey()).isEqualTo("order-" + orderId + "-refund-2");
	}

	@Test
	void aRefundKeySpentOnAStoredFailureThatDidRefundIsResolvedByTheLookup() {
		UUID orderId = chargedOrder();
		long refundsBefore = provider.stats().requests(REFUNDS);
		provider.faults().set(FaultSettings.NONE.withErrorRate(1.0).withErrorStatus(500).withErrorAfterEffect(true));

		cancel(orderId);

		await().atMost(Duration.ofSeconds(20)).until(() -> provider.stats().requests(REFUNDS) >= refundsBefore + 1);
		provider.faults().reset();
		Refund refund = awaitRefunded(orderId);
		assertThat(refund.idempotencyKey()).isEqualTo("order-" + orderId + "-refund");
	}

	@Test
	void aChargeSomeoneElseRefundedIsRecordedWithThatRefundNotRefundedTwice() throws Exception {
		UUID orderId = chargedOrder();
		String chargeId = provider.ledger().chargesFor(orderId.toString()).getFirst().id();
		HttpResponse<String> byHand = postToProvider("/v1/refunds", "support-desk-" + orderId,
				"{\"charge\":\"" + chargeId + "\"}");
		assertThat(byHand.statusCode()).as(byHand.body()).isEqualTo(201);

		cancel(orderId);

		Refund refund = awaitRefunded(orderId);
		assertThat(refund.idempotencyKey()).isEqualTo("support-desk-" + orderId);
	}

	@Test
	void aRefundOfAChargeTheProviderDoesNotKnowIsPoison() {
		UUID orderId = UUID.randomUUID();
		jdbc.sql("""
				insert into payment (order_id, customer_id, status, amount, currency, charge_id, created_at, updated_at)
				values (?, ?, 'AUTHORIZED', 25.00, 'EUR', 'ch_nobody_knows', ?, ?)""")
			.params(orderId, customer.id(), Timestamp.from(Instant.now()), Timestamp.from(Instant.now()))
			.update();
		OrderCancellationRequested cancellation = new OrderCancellationRequested(UUID.randomUUID(), Instant.now(),
				orderId);

		publish(cancellation);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> DeadLetterAssertions.of(topics.readAll(DEAD_LETTER_TOPIC), OrderEvent.TOPIC, CONSUMER_GROUP)
						.assertDeadLettered(cancellation, PoisonEventException.class,
								"The payment provider refused the refund of ch_nobody_knows for good: 404"));
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).isEqualTo("AUTHORIZED");
	}

	/**
	 * Its OrderPlaced was dead-lettered after the provider booked the charge: the intent
	 * is all payment-service has.
	 */
	@Test
	void anEndedOrderWhosePendingChargeTheProviderBookedIsRefundedInFull() throws Exception {
		UUID orderId = pendingIntent();
		HttpResponse<String> booked = postToProvider("/v1/charges", "order-" + orderId + "-charge",
				chargeBody(orderId, TOTAL));
		assertThat(booked.statusCode()).as(booked.body()).isEqualTo(201);

		cancel(orderId);

		Refund refund = awaitRefunded(orderId);
		assertThat(refund.charge()).isEqualTo(provider.ledger().chargesFor(orderId.toString()).getFirst().id());
		assertThat(refund.amount()).isEqualByComparingTo(TOTAL);
		assertThat(paymentEventsFor(orderId)).singleElement().isInstanceOf(PaymentRefunded.class);
	}

	@Test
	void anEndedOrderWhosePendingChargeTheProviderNeverBookedIsVoided() {
		UUID orderId = pendingIntent();

		cancel(orderId);

		await().atMost(Duration.ofSeconds(20)).until(() -> !paymentEventsFor(orderId).isEmpty());
		awaitQuiet();
		assertThat(paymentEventsFor(orderId)).singleElement().isInstanceOf(PaymentVoided.class);
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).isEqualTo("VOIDED");
		assertThat(provider.ledger().refundsFor(orderId.toString())).isEmpty();
	}

	/**
	 * A dead letter replayed is the original record again, on payment-service's replay
	 * topic (an operator's {@code POST /admin/dead-letters/.../replay}): it resolves the
	 * intent under the intent's own key.
	 */
	@Test
	void aReplayedOrderPlacedResolvesThePendingIntentInsteadOfBeingSkipped() throws Exception {
		UUID orderId = pendingIntent();
		HttpResponse<String> booked = postToProvider("/v1/charges", "order-" + orderId + "-charge",
				chargeBody(orderId, TOTAL));
		assertThat(booked.statusCode()).isEqualTo(201);
		OrderPlaced placed = orderPlaced(orderId, "pm_card_visa");
		ProducerRecord<String, Object> original = CloudEventRecords.of(OrderEvent.TOPIC, orderId.toString(),
				placed.eventId(), OrderEvent.CATALOG.typeOf(placed), OrderEvent.CATALOG.source(), placed.occurredAt(),
				new EventJson().write(placed));
		topics.send(new ProducerRecord<>(DEAD_LETTER_TOPIC, null, original.key(), (byte[]) original.value(),
				original.headers()));
		ConsumerRecord<String, byte[]> deadLetter = await().atMost(Duration.ofSeconds(20))
			.until(() -> topics.readAll(DEAD_LETTER_TOPIC)
				.stream()
				.filter(record -> placed.eventId().toString().equals(header(record, "ce_id")))
				.findFirst()
				.orElse(null), record -> record != null);

		HttpResponse<String> replayed = replay(deadLetter);

		assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
		assertThat(json.readTree(replayed.body()).at("/replayedTo/topic").asString()).isEqualTo(REPLAYS);
		await().atMost(Duration.ofSeconds(20)).until(() -> !paymentEventsFor(orderId).isEmpty());
		awaitQuiet();
		assertThat(topics.readAll(OrderEvent.TOPIC)).as("nothing re-published where order-service publishes")
			.noneMatch(record -> placed.eventId().toString().equals(header(record, "ce_id")));
		assertThat(provider.ledger().chargesFor(orderId.toString())).as("the key answered the booked charge again")
			.hasSize(1);
		assertThat(paymentEventsFor(orderId)).singleElement().isInstanceOf(PaymentAuthorized.class);
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).isEqualTo("AUTHORIZED");
	}

	/**
	 * An operator's {@code POST /admin/dead-letters/{topic}/{partition}/{offset}/replay}.
	 */
	private HttpResponse<String> replay(ConsumerRecord<String, byte[]> deadLetter) throws Exception {
		URI replay = URI.create("http://127.0.0.1:" + port + "/admin/dead-letters/" + deadLetter.topic() + "/"
				+ deadLetter.partition() + "/" + deadLetter.offset() + "/replay");
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(replay)
				.header("Authorization", "Bearer " + TestIdentities.operatorToken())
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
	}

	private UUID chargedOrder() {
		UUID orderId = UUID.randomUUID();
		publish(orderPlaced(orderId, "pm_card_visa"));
		await().atMost(Duration.ofSeconds(20)).until(() -> !paymentEventsFor(orderId).isEmpty());
		awaitQuiet();
		return orderId;
	}

	/**
	 * The state a dead-lettered OrderPlaced leaves: the intent, committed before the
	 * provider was called.
	 */
	private UUID pendingIntent() {
		UUID orderId = UUID.randomUUID();
		jdbc.sql("""
				insert into payment (order_id, customer_id, status, amount, currency, created_at, updated_at)
				values (?, ?, 'PENDING', ?, 'EUR', ?, ?)""")
			.params(orderId, customer.id(), TOTAL, Timestamp.from(Instant.now()), Timestamp.from(Instant.now()))
			.update();
		return orderId;
	}

	private static void cancel(UUID orderId) {
		publish(new OrderCancellationRequested(UUID.randomUUID(), Instant.now(), orderId));
	}

	private Refund awaitRefunded(UUID orderId) {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> paymentEventsFor(orderId).stream().anyMatch(PaymentRefunded.class::isInstance));
		awaitQuiet();
		assertThat(provider.ledger().refundsFor(orderId.toString())).as("refunded exactly once").hasSize(1);
		Refund refund = provider.ledger().refundsFor(orderId.toString()).getFirst();
		assertThat(paymentEventsFor(orderId)).filteredOn(PaymentRefunded.class::isInstance)
			.singleElement()
			.isInstanceOfSatisfying(PaymentRefunded.class,
					refunded -> assertThat(refunded.refundId()).isEqualTo(refund.id()));
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).isEqualTo("REFUNDED");
		assertThat(paymentsOf(orderId).get(0).get("refundId").asString()).isEqualTo(refund.id());
		return refund;
	}

}
