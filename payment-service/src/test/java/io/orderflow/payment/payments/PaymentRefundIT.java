package io.orderflow.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.orderflow.events.order.OrderCancellationRequested;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.events.payment.PaymentDeclinedV2;
import io.orderflow.events.payment.PaymentRefunded;
import io.orderflow.events.payment.PaymentVoided;
import io.orderflow.provider.simulator.Refund;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * payment-service gives the money back for cancelled or expired orders, once, and only
 * money it took.
 */
class PaymentRefundIT extends PaymentServiceIntegrationTestBase {

	@Test
	void cancellationAfterAuthorizationRefundsOnceAndALaterExpiryRefundsNothingMore() {
		UUID orderId = UUID.randomUUID();
		publish(orderPlaced(orderId, "pm_card_visa"));
		await().atMost(Duration.ofSeconds(20)).until(() -> !paymentEventsFor(orderId).isEmpty());
		String chargeId = provider.ledger().chargesFor(orderId.toString()).getFirst().id();

		publish(new OrderCancellationRequested(UUID.randomUUID(), Instant.now(), orderId));

		await().atMost(Duration.ofSeconds(20)).until(() -> paymentEventsFor(orderId).size() == 2);
		awaitQuiet();
		Refund refund = provider.ledger().refundsFor(orderId.toString()).getFirst();
		assertThat(provider.ledger().refundsFor(orderId.toString())).hasSize(1);
		assertThat(refund.charge()).isEqualTo(chargeId);
		assertThat(refund.amount()).isEqualByComparingTo(TOTAL);
		assertThat(refund.idempotencyKey()).isEqualTo("order-" + orderId + "-refund");
		assertThat(paymentEventsFor(orderId)).satisfiesExactly(
				first -> assertThat(first).isInstanceOf(PaymentAuthorized.class),
				second -> assertThat(second).isInstanceOfSatisfying(PaymentRefunded.class, refunded -> {
					assertThat(refunded.refundId()).isEqualTo(refund.id());
					assertThat(refunded.amount()).isEqualByComparingTo(TOTAL);
					assertThat(refunded.currency()).isEqualTo("EUR");
				}));
		JsonNode payment = paymentsOf(orderId).get(0);
		assertThat(payment.get("status").asString()).isEqualTo("REFUNDED");
		assertThat(payment.get("refundId").asString()).isEqualTo(refund.id());
		assertThat(payment.get("chargeId").asString()).isEqualTo(chargeId);

		publish(new OrderExpired(UUID.randomUUID(), Instant.now(), orderId, "ada@example.com", "EUR", TOTAL));

		awaitQuiet();
		assertThat(provider.ledger().refundsFor(orderId.toString())).hasSize(1);
		assertThat(paymentEventsFor(orderId)).hasSize(2);
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).isEqualTo("REFUNDED");
	}

	@Test
	void cancellationDeliveredTwiceRefundsOnce() {
		UUID orderId = UUID.randomUUID();
		publish(orderPlaced(orderId, "pm_card_visa"));
		await().atMost(Duration.ofSeconds(20)).until(() -> !paymentEventsFor(orderId).isEmpty());
		var cancellation = new OrderCancellationRequested(UUID.randomUUID(), Instant.now(), orderId);

		publish(cancellation);
		publish(cancellation);

		awaitQuiet();
		assertThat(provider.ledger().refundsFor(orderId.toString())).hasSize(1);
		assertThat(paymentEventsFor(orderId)).filteredOn(PaymentRefunded.class::isInstance).hasSize(1);
	}

	@Test
	void expiryOfADeclinedOrderRefundsNothingAndAnnouncesNothing() {
		UUID orderId = UUID.randomUUID();
		publish(orderPlaced(orderId, "pm_card_chargeDeclined"));
		await().atMost(Duration.ofSeconds(20)).until(() -> paymentEventsFor(orderId).size() == 2);

		publish(new OrderExpired(UUID.randomUUID(), Instant.now(), orderId, "ada@example.com", "EUR", TOTAL));

		awaitQuiet();
		assertThat(provider.ledger().refundsFor(orderId.toString())).isEmpty();
		assertThat(paymentEventsFor(orderId)).extracting(Object::getClass)
			.containsExactly(PaymentDeclined.class, PaymentDeclinedV2.class);
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).isEqualTo("DECLINED");
	}

	@Test
	void anOrderThatExpiredBeforeItWasChargedIsVoidedAndALateOrderPlacedNeverChargesIt() {
		UUID orderId = UUID.randomUUID();
		OrderPlaced placed = orderPlaced(orderId, "pm_card_visa");

		publish(new OrderExpired(UUID.randomUUID(), Instant.now(), orderId, "ada@example.com", "EUR", TOTAL));
		awaitQuiet();
		publish(placed);

		awaitQuiet();
		assertThat(provider.ledger().chargesFor(orderId.toString())).isEmpty();
		assertThat(paymentEventsFor(orderId)).singleElement().isInstanceOf(PaymentVoided.class);
		assertThat(paymentsOf(orderId).get(0).get("status").asString()).isEqualTo("VOIDED");
	}

	@Test
	void aPendingOrderCancelledBeforeItWasChargedIsVoidedSoOrderServiceCanCancelIt() {
		UUID orderId = UUID.randomUUID();

		publish(new OrderCancellationRequested(UUID.randomUUID(), Instant.now(), orderId));

		await().atMost(Duration.ofSeconds(20)).until(() -> !paymentEventsFor(orderId).isEmpty());
		awaitQuiet();
		assertThat(paymentEventsFor(orderId)).singleElement()
			.isInstanceOfSatisfying(PaymentVoided.class, voided -> assertThat(voided.orderId()).isEqualTo(orderId));
		assertThat(
				jdbc.sql("select status from payment where order_id = ?").param(orderId).query(String.class).single())
			.isEqualTo("VOIDED");
		assertThat(paymentsOf(orderId)).as("no OrderPlaced said whose order it is: no customer's").isEmpty();
		assertThat(provider.ledger().chargesFor(orderId.toString())).isEmpty();
	}

}
