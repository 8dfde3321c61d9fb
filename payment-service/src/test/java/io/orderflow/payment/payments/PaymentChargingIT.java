package io.orderflow.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.events.payment.PaymentDeclinedV2;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.EventJson;
import io.orderflow.provider.simulator.Charge;
import io.orderflow.provider.simulator.ChargeStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * payment-service charges placed orders through the real provider, once per order, and
 * announces the result.
 */
class PaymentChargingIT extends PaymentServiceIntegrationTestBase {

	@Test
	void placedOrderWithAnApprovedCardIsChargedOnceAndAnnouncedAsAuthorizedKeyedByTheOrder() {
		UUID orderId = UUID.randomUUID();

		publish(orderPlaced(orderId, "pm_card_visa"));

		await().atMost(Duration.ofSeconds(20)).until(() -> !paymentRecordsFor(orderId).isEmpty());
		awaitQuiet();
		List<Charge> charges = provider.ledger().chargesFor(orderId.toString());
		assertThat(charges).singleElement().satisfies(charge -> {
			assertThat(charge.status()).isEqualTo(ChargeStatus.SUCCEEDED);
			assertThat(charge.amount()).isEqualByComparingTo(TOTAL);
			assertThat(charge.currency()).isEqualTo("EUR");
			assertThat(charge.idempotencyKey()).isEqualTo("order-" + orderId + "-charge");
		});
		String chargeId = charges.getFirst().id();

		List<ConsumerRecord<String, byte[]>> records = paymentRecordsFor(orderId);
		assertThat(records).hasSize(1);
		ConsumerRecord<String, byte[]> record = records.getFirst();
		PaymentAuthorized authorized = new EventJson().read(record.value(), PaymentAuthorized.class);
		assertThat(authorized.orderId()).isEqualTo(orderId);
		assertThat(authorized.chargeId()).isEqualTo(chargeId);
		assertThat(authorized.amount()).isEqualByComparingTo(TOTAL);
		assertThat(authorized.currency()).isEqualTo("EUR");
		assertThat(record.key()).isEqualTo(orderId.toString());
		assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
		assertThat(header(record, "ce_type")).isEqualTo("orderflow.payment.authorized.v1");
		assertThat(header(record, "ce_source")).isEqualTo("/orderflow/payment-service");
		assertThat(header(record, "ce_id")).isEqualTo(authorized.eventId().toString());
		assertThat(header(record, "ce_subject")).isEqualTo(orderId.toString());
		assertThat(header(record, "ce_time")).isNotBlank();
		assertThat(header(record, "content-type")).isEqualTo("application/json");

		JsonNode payments = paymentsOf(orderId);
		assertThat(payments.isArray()).isTrue();
		assertThat(payments).hasSize(1);
		JsonNode payment = payments.get(0);
		assertThat(payment.get("orderId").asString()).isEqualTo(orderId.toString());
		assertThat(payment.get("status").asString()).isEqualTo("AUTHORIZED");
		assertThat(payment.get("chargeId").asString()).isEqualTo(chargeId);
		assertThat(payment.get("amount").decimalValue()).isEqualByComparingTo(TOTAL);
	}

	@Test
	void declinedCardIsAnnouncedInBothVersionsV1FirstWithTheProvidersCode() {
		UUID orderId = UUID.randomUUID();

		publish(orderPlaced(orderId, "pm_card_chargeDeclined"));

		await().atMost(Duration.ofSeconds(20)).until(() -> paymentEventsFor(orderId).size() == 2);
		awaitQuiet();
		List<PaymentEvent> events = paymentEventsFor(orderId);
		assertThat(events).hasSize(2);
		assertThat(events.get(0)).isInstanceOfSatisfying(PaymentDeclined.class,
				declined -> assertThat(declined.reason()).isEqualTo("card_declined"));
		assertThat(events.get(1)).isInstanceOfSatisfying(PaymentDeclinedV2.class, declined -> {
			assertThat(declined.declineCode()).isEqualTo("card_declined");
			assertThat(declined.retryable()).isFalse();
		});
		assertThat(provider.ledger().chargesFor(orderId.toString())).singleElement()
			.satisfies(charge -> assertThat(charge.status()).isEqualTo(ChargeStatus.DECLINED));
		JsonNode payment = paymentsOf(orderId).get(0);
		assertThat(payment.get("status").asString()).isEqualTo("DECLINED");
		assertThat(payment.get("declineReason").asString()).isEqualTo("card_declined");
	}

	@Test
	void orderPlacedDeliveredTwiceChargesOnceAndIsAnnouncedOnce() {
		UUID orderId = UUID.randomUUID();
		OrderPlaced placed = orderPlaced(orderId, "pm_card_visa");

		publish(placed);
		publish(placed);

		awaitQuiet();
		assertThat(provider.ledger().chargesFor(orderId.toString())).hasSize(1);
		assertThat(paymentEventsFor(orderId)).singleElement().isInstanceOf(PaymentAuthorized.class);
		assertThat(paymentsOf(orderId)).hasSize(1);
	}

	@Test
	void orderPlacedAgainWithANewEventIdIsNotChargedAgain() {
		UUID orderId = UUID.randomUUID();
		OrderPlaced placed = orderPlaced(orderId, "pm_card_visa");
		publish(placed);
		await().atMost(Duration.ofSeconds(20)).until(() -> !paymentEventsFor(orderId).isEmpty());

		publish(placedAgain(placed));

		awaitQuiet();
		assertThat(provider.ledger().chargesFor(orderId.toString())).hasSize(1);
		List<PaymentEvent> events = paymentEventsFor(orderId);
		assertThat(events).singleElement().isInstanceOf(PaymentAuthorized.class);
		assertThat(paymentsOf(orderId)).singleElement()
			.satisfies(payment -> assertThat(payment.get("status").asString()).isEqualTo("AUTHORIZED"));
	}

}
