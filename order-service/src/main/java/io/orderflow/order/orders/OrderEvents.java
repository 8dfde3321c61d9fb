package io.orderflow.order.orders;

import java.time.Instant;
import java.util.UUID;

import io.orderflow.events.order.OrderCancellationRequested;
import io.orderflow.events.order.OrderCancelled;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.order.OrderRejected;

/**
 * Turns a change of an order into the integration event that announces it: the published contract stays apart
 * from the aggregate, which can evolve without breaking consumers.
 */
final class OrderEvents {

	private OrderEvents() {
	}

	static OrderPlaced placed(Order order) {
		return new OrderPlaced(UUID.randomUUID(), order.placedAt(), order.id(), order.customerId(),
				order.customerEmail(), order.currency(), order.total(), order.paymentMethod(),
				order.lines().stream().map(line -> new OrderLine(line.sku(), line.quantity(), line.unitPrice())).toList());
	}

	/** The event for the order's latest status change. */
	static OrderEvent changed(Order order, Instant at) {
		UUID eventId = UUID.randomUUID();
		return switch (order.status()) {
			case CONFIRMED -> new OrderConfirmed(eventId, at, order.id(), order.customerEmail(), order.currency(),
					order.total());
			case REJECTED -> new OrderRejected(eventId, at, order.id(), order.customerEmail(), order.currency(),
					order.total(), order.declineReason());
			case CANCELLATION_REQUESTED -> new OrderCancellationRequested(eventId, at, order.id());
			case CANCELLED -> new OrderCancelled(eventId, at, order.id(), order.customerEmail(), order.currency(),
					order.total(), order.cancelledWithRefund());
			case EXPIRED -> new OrderExpired(eventId, at, order.id(), order.customerEmail(), order.currency(),
					order.total());
			case PENDING -> throw new IllegalStateException("PENDING is announced by OrderPlaced");
		};
	}

}
