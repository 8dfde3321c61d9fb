package io.orderflow.order.paymentstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiPredicate;

import io.orderflow.order.orders.Order;
import io.orderflow.order.orders.OrderLine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The payment state order-service answers from its own order when payment-service cannot:
 * what the events said.
 */
class LastKnownPaymentTest {

	private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

	@ParameterizedTest(name = "cancelled after {0} -> {1}")
	@CsvSource({ "refund, REFUNDED", "void, VOIDED", "decline, DECLINED" })
	void aCancelledOrderSaysWhatEndedItsPayment(String ending, String lastKnown) {
		Order order = Order.place(UUID.randomUUID(), "c-42", "ada@example.com", "EUR", "pm_card_visa",
				List.of(new OrderLine("BOOK-1", 1, new BigDecimal("12.50"))), NOW, Duration.ofMinutes(15));
		order.requestCancellation(NOW.plusSeconds(1), Duration.ofMinutes(15));
		BiPredicate<Order, Instant> end = switch (ending) {
			case "refund" -> Order::refunded;
			case "void" -> Order::paymentVoided;
			default -> (o, at) -> o.paymentDeclined("card_declined", at);
		};

		assertThat(end.test(order, NOW.plusSeconds(2))).isTrue();

		assertThat(OrderPaymentStatus.lastKnown(order).status()).isEqualTo(lastKnown);
	}

}
