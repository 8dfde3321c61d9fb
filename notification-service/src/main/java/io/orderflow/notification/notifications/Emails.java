package io.orderflow.notification.notifications;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.events.order.OrderCancelled;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderRejected;

/**
 * What the customer reads for each outcome. Events that are not outcomes make no email.
 *
 * <p>
 * "Nothing was charged" is said only where the provider said so: an order is rejected
 * only after a card decline, and cancelled without a refund only after a decline or a
 * voided payment, which payment-service announces only when the provider holds no charge
 * for the order (ADR 0016). An expiry cannot know yet, so it promises the refund of
 * whatever was charged.
 */
final class Emails {

	private Emails() {
	}

	static Optional<Notification> compose(OrderEvent event, Instant now) {
		return Optional.ofNullable(switch (event) {
			case OrderConfirmed e -> email(e, Outcome.CONFIRMED, e.customerEmail(), "is confirmed",
					"We received your payment of " + money(e.total(), e.currency()) + ". Your order is confirmed.",
					now);
			case OrderRejected e -> email(e, Outcome.REJECTED, e.customerEmail(), "could not be completed",
					"Your payment of " + money(e.total(), e.currency()) + " was declined (" + e.reason()
							+ "). Nothing was charged.",
					now);
			case OrderCancelled e -> email(e, Outcome.CANCELLED, e.customerEmail(), "is cancelled",
					e.refunded() ? "Your order is cancelled and " + money(e.total(), e.currency()) + " was refunded."
							: "Your order is cancelled. Nothing was charged.",
					now);
			case OrderExpired e -> email(e, Outcome.EXPIRED, e.customerEmail(), "has expired",
					"We could not complete your order in time. Any amount charged will be refunded.", now);
			default -> null;
		});
	}

	private static Notification email(OrderEvent event, Outcome outcome, String to, String what, String text,
			Instant now) {
		UUID orderId = event.orderId();
		return new Notification(orderId, outcome, to, "Your order " + orderId + " " + what,
				"Hello,\n\n" + text + "\n\nOrder: " + orderId + "\n\n-- orderflow\n", event.eventId(), now);
	}

	private static String money(BigDecimal amount, String currency) {
		return amount.toPlainString() + " " + currency;
	}

}
