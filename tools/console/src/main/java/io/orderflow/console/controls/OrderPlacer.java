package io.orderflow.console.controls;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.console.client.JsonHttp;
import io.orderflow.console.events.OrderBoard;
import io.orderflow.console.status.ServiceEndpoint;

/**
 * Places orders as any client does: {@code POST /api/orders} on order-service with the
 * demo customer's token (the customer and the email come from it) and an
 * {@code Idempotency-Key}, so a request the console retries never places a second order.
 * The card decides the outcome: the provider approves {@code pm_card_visa} and declines
 * {@code pm_card_chargeDeclined}.
 */
final class OrderPlacer {

	static final String APPROVED_CARD = "pm_card_visa";

	static final String DECLINED_CARD = "pm_card_chargeDeclined";

	private final JsonHttp http;

	private final ServiceEndpoint orderService;

	private final OrderBoard board;

	OrderPlacer(JsonHttp http, ServiceEndpoint orderService, OrderBoard board) {
		this.http = http;
		this.orderService = orderService;
		this.board = board;
	}

	/** What order-service answered: the order's id and status with {@code 202}. */
	record Placed(String orderId, String status) {
	}

	/**
	 * @throws CommandException 503 when order-service does not answer, with its problem's
	 * detail when it refuses
	 */
	Placed place(boolean approved) {
		Map<String, Object> order = Map.of("currency", "EUR", "paymentMethod", approved ? APPROVED_CARD : DECLINED_CARD,
				"lines", List.of(Map.of("sku", "BOOK-1", "quantity", 1, "unitPrice", new BigDecimal("12.50"))));
		JsonHttp.Answer answer = http.post(orderService.resolve("/api/orders"), order,
				Map.of("Idempotency-Key", UUID.randomUUID().toString()));
		if (!answer.answered()) {
			throw CommandException.unavailable("order-service did not take the order: " + answer.explanation());
		}
		if (!answer.ok() || answer.json() == null || !answer.json().path("id").isString()) {
			throw new CommandException(answer.status() >= 500 ? 503 : 502, "Order not placed",
					"order-service answered " + answer.status() + ": " + answer.explanation());
		}
		String id = answer.json().path("id").asString();
		board.placedHere(id);
		return new Placed(id, answer.json().path("status").asString(""));
	}

}
