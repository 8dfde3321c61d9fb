package io.orderflow.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.events.payment.PaymentDeclinedV2;
import io.orderflow.events.payment.PaymentRefunded;
import io.orderflow.events.payment.PaymentVoided;
import io.orderflow.messaging.consumer.PoisonEventException;
import io.orderflow.provider.simulator.Charge;
import io.orderflow.provider.simulator.FaultSettings;
import io.orderflow.testsupport.deadletter.DeadLetterAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of {@code docs/faults.md}, "What the provider's answers mean", one test per
 * row, against the real provider simulator: a charge is decided only by an approval or a
 * documented card decline. Every transient failure, spent key and refusal to serve us
 * leaves the payment {@code PENDING} (the customer may be charged) and the order waiting;
 * once the provider heals, the order is charged exactly once and never declined. A
 * request the provider can never accept is poison.
 */
class ProviderAnswersIT extends PaymentServiceIntegrationTestBase {

	private static final String CHARGES = "POST /v1/charges";

	static Stream<Arguments> answersThatDecideNothing() {
		FaultSettings always = FaultSettings.NONE.withErrorRate(1.0);
		return Stream.of(Arguments.of("408 request timeout", always.withErrorStatus(408)),
				Arguments.of("429 rate limited, Retry-After honoured", always.withErrorStatus(429)),
				Arguments.of("500 before the effect, stored under the key", always.withErrorStatus(500)),
				Arguments.of("500 after the effect, stored under the key",
						always.withErrorStatus(500).withErrorAfterEffect(true)),
				Arguments.of("502 bad gateway", always.withErrorStatus(502)),
				Arguments.of("502 after the effect: the gateway lost the answer",
						always.withErrorStatus(502).withErrorAfterEffect(true)),
				Arguments.of("503 unavailable", always.withErrorStatus(503)),
				Arguments.of("504 gateway timeout after the effect",
						always.withErrorStatus(504).withErrorAfterEffect(true)),
				Arguments.of("200 with a proxy's HTML page", always.withNonJsonOk(true)),
				Arguments.of("401 API key refused: an outage, not a decline", always.withErrorStatus(401)),
				Arguments.of("403 key lacks permission: an outage", always.withErrorStatus(403)),
				Arguments.of("404 on the base path: an outage", always.withErrorStatus(404)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("answersThatDecideNothing")
	void anAnswerThatDecidesNothingLeavesThePaymentPendingAndTheOrderIsChargedOnceAfterTheProviderHeals(String row,
			FaultSettings fault) {
		UUID orderId = UUID.randomUUID();
		long chargesBefore = provider.stats().requests(CHARGES);
		long faultsBefore = provider.stats().injectedErrors();
		provider.faults().set(fault);

		publish(orderPlaced(orderId, "pm_card_visa"));

		await("the provider answered " + row).atMost(Duration.ofSeconds(20))
			.until(() -> provider.stats().injectedErrors() > faultsBefore
					&& provider.stats().requests(CHARGES) >= chargesBefore + 2);
		// a retry may already have met the stored real answer (a gateway that lost it, a
		// proxy's page): then the
		// payment is decided by that answer; otherwise it is still pending. Never
		// declined.
		assertThat(paymentsOf(orderId)).as("%s decides nothing: the customer may be charged", row)
			.singleElement()
			.satisfies(payment -> assertThat(payment.get("status").asString()).isIn("PENDING", "AUTHORIZED"));
		assertThat(paymentEventsFor(orderId)).as("no decline invented").noneMatch(PaymentDeclined.class::isInstance);

		provider.faults().reset();

		await().atMost(Duration.ofSeconds(30)).until(() -> !paymentEventsFor(orderId).isEmpty());
		awaitQuiet();
		List<Charge> succeeded = provider.ledger()
			.chargesFor(orderId.toString())
			.stream()
			.filter(Charge::succeeded)
			.toList();
		assertThat(succeeded).as("charged exactly once").hasSize(1);
		assertThat(paymentEventsFor(orderId)).singleElement()
			.isInstanceOfSatisfying(PaymentAuthorized.class,
					authorized -> assertThat(authorized.chargeId()).isEqualTo(succeeded.getFirst().id()));
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).isEqualTo("AUTHORIZED");
	}

	@Test
	void aStoredFailureThatBookedNothingIsFollowedByTheNextKeyOnlyAfterTheProviderSaidSo() {
		Charge charge = chargedThroughStoredFailures(FaultSettings.NONE.withErrorStatus(500));

		assertThat(charge.idempotencyKey()).endsWith("-charge-2");
	}

	@Test
	void aStoredFailureThatBookedTheChargeIsResolvedByTheLookupWithoutASecondCharge() {
		Charge charge = chargedThroughStoredFailures(
				FaultSettings.NONE.withErrorStatus(500).withErrorAfterEffect(true));

		assertThat(charge.idempotencyKey()).endsWith("-charge");
	}

	/**
	 * Every request fails with a 500 the provider stores under its key, until the fault
	 * heals: the one charge.
	 */
	private Charge chargedThroughStoredFailures(FaultSettings storedFailure) {
		UUID orderId = UUID.randomUUID();
		provider.faults().set(storedFailure.withErrorRate(1.0));
		long chargesBefore = provider.stats().requests(CHARGES);

		publish(orderPlaced(orderId, "pm_card_visa"));
		await().atMost(Duration.ofSeconds(20)).until(() -> provider.stats().requests(CHARGES) >= chargesBefore + 2);
		provider.faults().reset();

		await().atMost(Duration.ofSeconds(30)).until(() -> !paymentEventsFor(orderId).isEmpty());
		awaitQuiet();
		assertThat(paymentEventsFor(orderId)).singleElement().isInstanceOf(PaymentAuthorized.class);
		List<Charge> charges = provider.ledger().chargesFor(orderId.toString());
		assertThat(charges).as("charged exactly once").hasSize(1);
		return charges.getFirst();
	}

	@Test
	void aRetryWhileTheFirstRequestIsStillInFlightMeets409AndChargesOnce() {
		UUID orderId = UUID.randomUUID();
		long conflictsBefore = provider.stats().inFlightConflicts();
		// the provider books, then answers 1.5 s later: the client's 500 ms read timeout
		// lets it retry meanwhile
		provider.faults().set(FaultSettings.NONE.withLatency(Duration.ofMillis(1500)));

		publish(orderPlaced(orderId, "pm_card_visa"));

		await().atMost(Duration.ofSeconds(20)).until(() -> provider.stats().inFlightConflicts() > conflictsBefore);
		provider.faults().reset();
		await().atMost(Duration.ofSeconds(30)).until(() -> !paymentEventsFor(orderId).isEmpty());
		awaitQuiet();
		assertThat(provider.ledger().chargesFor(orderId.toString())).hasSize(1);
		assertThat(paymentEventsFor(orderId)).singleElement().isInstanceOf(PaymentAuthorized.class);
	}

	@Test
	void aDocumentedCardDeclineIsTheOnlyAnswerThatDeclines() {
		UUID orderId = UUID.randomUUID();

		publish(orderPlaced(orderId, "pm_card_chargeDeclinedInsufficientFunds"));

		await().atMost(Duration.ofSeconds(20)).until(() -> paymentEventsFor(orderId).size() == 2);
		assertThat(paymentEventsFor(orderId)).extracting(Object::getClass)
			.containsExactly(PaymentDeclined.class, PaymentDeclinedV2.class);
		assertThat(paymentsOf(orderId).get(0).get("declineReason").asString()).isEqualTo("insufficient_funds");
	}

	/**
	 * 400: the provider refuses the request itself (an amount above its maximum). Nothing
	 * was booked, but the record is dead-lettered with the provider's reason and the
	 * intent stays: when the order then expires, the provider is asked, holds nothing,
	 * and the payment is voided.
	 */
	@Test
	void aRequestTheProviderCanNeverAcceptIsPoisonAndTheEndedOrderIsVoidedAfterAskingTheProvider() {
		UUID orderId = UUID.randomUUID();
		BigDecimal tooMuch = new BigDecimal("100000000.00");
		OrderPlaced placed = new OrderPlaced(UUID.randomUUID(), Instant.now(), orderId, customer.id(), customer.email(),
				"EUR", tooMuch, "pm_card_visa", List.of(new OrderLine("SKU-1", 1, tooMuch)));

		publish(placed);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> DeadLetterAssertions.of(topics.readAll(DEAD_LETTER_TOPIC), OrderEvent.TOPIC, CONSUMER_GROUP)
						.assertDeadLettered(placed, PoisonEventException.class,
								"The payment provider refused the charge for good: 400"));
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).isEqualTo("PENDING");
		assertThat(paymentEventsFor(orderId)).isEmpty();

		publish(new OrderExpired(UUID.randomUUID(), Instant.now(), orderId, "ada@example.com", "EUR", tooMuch));

		await().atMost(Duration.ofSeconds(20)).until(() -> !paymentEventsFor(orderId).isEmpty());
		assertThat(paymentEventsFor(orderId)).singleElement().isInstanceOf(PaymentVoided.class);
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).isEqualTo("VOIDED");
		assertThat(provider.ledger().chargesFor(orderId.toString())).isEmpty();
	}

	/**
	 * 422: the order's key was used before for another request (another amount, by a
	 * client that shares the key space by mistake): the provider will never accept this
	 * charge under it, so the record is poison. It did book the other request's charge,
	 * though: when the order ends, what the provider holds for it is refunded, whatever
	 * it took.
	 */
	@Test
	void aKeyUsedForAnotherRequestIsPoisonAndWhatTheProviderHoldsIsRefundedWhenTheOrderEnds() throws Exception {
		UUID orderId = UUID.randomUUID();
		BigDecimal other = new BigDecimal("1.00");
		assertThat(
				postToProvider("/v1/charges", "order-" + orderId + "-charge", chargeBody(orderId, other)).statusCode())
			.isEqualTo(201);
		OrderPlaced placed = orderPlaced(orderId, "pm_card_visa");

		publish(placed);

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(
					() -> DeadLetterAssertions.of(topics.readAll(DEAD_LETTER_TOPIC), OrderEvent.TOPIC, CONSUMER_GROUP)
						.assertDeadLettered(placed, PoisonEventException.class,
								"The payment provider refused the charge for good: 422"));
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).isEqualTo("PENDING");

		publish(new OrderExpired(UUID.randomUUID(), Instant.now(), orderId, "ada@example.com", "EUR", TOTAL));

		await().atMost(Duration.ofSeconds(20)).until(() -> !paymentEventsFor(orderId).isEmpty());
		awaitQuiet();
		assertThat(paymentEventsFor(orderId)).singleElement()
			.isInstanceOfSatisfying(PaymentRefunded.class,
					refunded -> assertThat(refunded.amount()).isEqualByComparingTo(other));
		assertThat(provider.ledger().refundsFor(orderId.toString())).singleElement()
			.satisfies(refund -> assertThat(refund.amount()).isEqualByComparingTo(other));
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).isEqualTo("REFUNDED");
	}

	private static final String DEAD_LETTER_TOPIC = "orderflow.order.events.payment-service.dlt";

}
