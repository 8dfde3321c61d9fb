package io.orderflow.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.provider.simulator.Charge;
import org.junit.jupiter.api.Test;

/**
 * The provider edge under faults: whatever the provider does before it heals (errors,
 * answers slower than the read timeout), the consumer retries within its bounded attempts
 * and the order is charged exactly once.
 */
class PaymentProviderFaultsIT extends PaymentServiceIntegrationTestBase {

	private static final String CHARGES = "POST /v1/charges";

	@Test
	void chargeFailingWithProviderErrorsHappensExactlyOnceAfterTheProviderHeals() {
		UUID orderId = UUID.randomUUID();
		long errorsBefore = provider.stats().injectedErrors();
		provider.faults().set(Duration.ZERO, 1.0);

		publish(orderPlaced(orderId, "pm_card_visa"));

		await("a charge attempt failed at the provider").atMost(Duration.ofSeconds(20))
			.until(() -> provider.stats().injectedErrors() > errorsBefore);
		assertThat(provider.ledger().chargesFor(orderId.toString())).isEmpty();
		assertThat(paymentsOf(orderId)).as("the intent, recorded before the call")
			.singleElement()
			.satisfies(payment -> assertThat(payment.get("status").asString()).isEqualTo("PENDING"));

		provider.faults().reset();

		await().atMost(Duration.ofSeconds(20)).until(() -> !paymentEventsFor(orderId).isEmpty());
		awaitQuiet();
		assertThat(provider.ledger().chargesFor(orderId.toString())).hasSize(1);
		assertThat(paymentEventsFor(orderId)).singleElement().isInstanceOf(PaymentAuthorized.class);
		assertThat(paymentsOf(orderId)).singleElement()
			.satisfies(payment -> assertThat(payment.get("status").asString()).isEqualTo("AUTHORIZED"));
	}

	@Test
	void chargeAnsweredAfterTheReadTimeoutIsRetriedWithoutChargingTwice() {
		UUID orderId = UUID.randomUUID();
		long requestsBefore = provider.stats().requests(CHARGES);
		long replaysBefore = provider.stats().idempotentReplays();
		// the provider books the charge, then answers 1.5 s later: long after the
		// client's 500 ms read timeout
		provider.faults().set(Duration.ofMillis(1500), 0.0);

		publish(orderPlaced(orderId, "pm_card_visa"));

		await("the charge was retried after a timeout").atMost(Duration.ofSeconds(20))
			.until(() -> provider.stats().requests(CHARGES) >= requestsBefore + 2);
		assertThat(provider.ledger().chargesFor(orderId.toString()))
			.as("the first, timed-out request booked the charge")
			.hasSize(1);
		assertThat(paymentsOf(orderId)).as("no answer reached payment-service yet: the charge may exist")
			.singleElement()
			.satisfies(payment -> assertThat(payment.get("status").asString()).isEqualTo("PENDING"));

		provider.faults().reset();

		await().atMost(Duration.ofSeconds(20)).until(() -> !paymentEventsFor(orderId).isEmpty());
		awaitQuiet();
		Charge charge = provider.ledger().chargesFor(orderId.toString()).getFirst();
		assertThat(provider.ledger().chargesFor(orderId.toString())).hasSize(1);
		assertThat(provider.stats().idempotentReplays()).as("retries were answered from the idempotency key")
			.isGreaterThan(replaysBefore);
		assertThat(paymentEventsFor(orderId)).singleElement()
			.isInstanceOfSatisfying(PaymentAuthorized.class,
					authorized -> assertThat(authorized.chargeId()).isEqualTo(charge.id()));
		assertThat(paymentsOf(orderId).get(0).get("chargeId").asString()).isEqualTo(charge.id());
	}

}
