package io.orderflow.order.orders;

import java.util.UUID;

import io.orderflow.events.order.OrderCancellationRequested;
import io.orderflow.events.order.OrderCancelled;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.order.OrderRejected;
import io.orderflow.order.orders.OrderDomainEvent.Cancellation;
import io.orderflow.order.orders.OrderDomainEvent.CancellationRequested;
import io.orderflow.order.orders.OrderDomainEvent.Cancelled;
import io.orderflow.order.orders.OrderDomainEvent.Confirmed;
import io.orderflow.order.orders.OrderDomainEvent.Expired;
import io.orderflow.order.orders.OrderDomainEvent.Placed;
import io.orderflow.order.orders.OrderDomainEvent.Rejected;

/**
 * Turns a domain event of an order into the integration event that announces it: the
 * published contract stays apart from the aggregate, which can evolve without breaking
 * consumers. What the event says comes from the domain event (when, why); what the order
 * is (customer, amounts) from the order.
 */
final class OrderEvents {

	private OrderEvents() {
	}

	static OrderEvent announcing(OrderDomainEvent event, Order order) {
		UUID eventId = UUID.randomUUID();
		return switch (event) {
			case Placed placed -> new OrderPlaced(eventId, placed.at(), order.id(), order.customerId(),
					order.customerEmail(), order.currency(), order.total(), order.paymentMethod(),
					order.lines()
						.stream()
						.map(line -> new OrderLine(line.sku(), line.quantity(), line.unitPrice()))
						.toList());
			case Confirmed confirmed -> new OrderConfirmed(eventId, confirmed.at(), order.id(), order.customerEmail(),
					order.currency(), order.total());
			case Rejected rejected -> new OrderRejected(eventId, rejected.at(), order.id(), order.customerEmail(),
					order.currency(), order.total(), rejected.declineReason());
			case CancellationRequested requested -> new OrderCancellationRequested(eventId, requested.at(), order.id());
			case Cancelled cancelled -> new OrderCancelled(eventId, cancelled.at(), order.id(), order.customerEmail(),
					order.currency(), order.total(), cancelled.how() == Cancellation.REFUNDED);
			case Expired expired -> new OrderExpired(eventId, expired.at(), order.id(), order.customerEmail(),
					order.currency(), order.total());
		};
	}

}
