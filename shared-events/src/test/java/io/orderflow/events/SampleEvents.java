package io.orderflow.events;

import io.orderflow.events.order.OrderCancellationRequested;
import io.orderflow.events.order.OrderCancelled;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.order.OrderRejected;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.events.payment.PaymentDeclinedV2;
import io.orderflow.events.payment.PaymentRefunded;
import io.orderflow.events.payment.PaymentVoided;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One realistic instance of every event. {@code EventSamplesTest} fails when a catalog
 * type has no sample here.
 */
public final class SampleEvents {

	static final UUID ORDER_ID = UUID.fromString("0b4f7c1e-8f0a-4c55-9a4e-2d7a1f3c9b10");

	static final Instant AT = Instant.parse("2025-03-14T09:26:53.589793Z");

	private SampleEvents() {
	}

	public static List<IntegrationEvent> all() {
		BigDecimal total = new BigDecimal("59.90");
		return List.of(
				new OrderPlaced(id(1), AT, ORDER_ID, "customer-42", "ada@example.com", "EUR", total, "card",
						List.of(new OrderLine("SKU-BOOK-1", 2, new BigDecimal("19.95")),
								new OrderLine("SKU-MUG-7", 1, new BigDecimal("20.00")))),
				new OrderCancellationRequested(id(2), AT.plusSeconds(5), ORDER_ID),
				new OrderConfirmed(id(3), AT.plusSeconds(1), ORDER_ID, "ada@example.com", "EUR", total),
				new OrderRejected(id(4), AT.plusSeconds(1), ORDER_ID, "ada@example.com", "EUR", total,
						"insufficient_funds"),
				new OrderCancelled(id(5), AT.plusSeconds(9), ORDER_ID, "ada@example.com", "EUR", total, true),
				new OrderExpired(id(6), AT.plusSeconds(900), ORDER_ID, "ada@example.com", "EUR", total),
				new PaymentAuthorized(id(7), AT.plusMillis(400), ORDER_ID, "ch_3Nq8", total, "EUR"),
				new PaymentDeclined(id(8), AT.plusMillis(400), ORDER_ID, "insufficient_funds"),
				new PaymentDeclinedV2(id(10), AT.plusMillis(400), ORDER_ID, "insufficient_funds", true),
				new PaymentRefunded(id(9), AT.plusSeconds(8), ORDER_ID, "re_1Kx2", total, "EUR"),
				new PaymentVoided(id(11), AT.plusSeconds(6), ORDER_ID));
	}

	private static UUID id(int n) {
		return UUID.fromString("00000000-0000-4000-8000-%012d".formatted(n));
	}

}
