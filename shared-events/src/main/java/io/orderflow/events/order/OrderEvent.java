package io.orderflow.events.order;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;

/** Everything order-service tells the world about an order's life. Published on {@link #TOPIC}. */
public sealed interface OrderEvent extends IntegrationEvent permits OrderPlaced, OrderCancellationRequested,
		OrderConfirmed, OrderRejected, OrderCancelled, OrderExpired {

	String TOPIC = "orderflow.order.events";

	EventCatalog<OrderEvent> CATALOG = EventCatalog.of(OrderEvent.class, TOPIC, "/orderflow/order-service")
		.with("orderflow.order.placed.v1", OrderPlaced.class)
		.with("orderflow.order.cancellation-requested.v1", OrderCancellationRequested.class)
		.with("orderflow.order.confirmed.v1", OrderConfirmed.class)
		.with("orderflow.order.rejected.v1", OrderRejected.class)
		.with("orderflow.order.cancelled.v1", OrderCancelled.class)
		.with("orderflow.order.expired.v1", OrderExpired.class);

}
