package io.orderflow.order.paymentstatus;

import java.util.UUID;

import io.orderflow.order.orders.Order;
import io.orderflow.order.orders.OrderService;
import io.orderflow.resilience.EdgeUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Graceful degradation on the one read-side query between services: ask payment-service,
 * and when it is down, slow or answers something unusable, answer what order-service
 * already knows from payment events instead of failing or waiting.
 */
@Service
public class OrderPaymentStatus {

	private static final Logger log = LoggerFactory.getLogger(OrderPaymentStatus.class);

	private final OrderService orders;

	private final PaymentServiceQuery paymentService;

	OrderPaymentStatus(OrderService orders, PaymentServiceQuery paymentService) {
		this.orders = orders;
		this.paymentService = paymentService;
	}

	/** The payment of the customer's order; someone else's order is not found. */
	public PaymentStatusView of(UUID orderId, String customerId) {
		Order order = orders.get(orderId, customerId);
		try {
			return paymentService.paymentOf(orderId).orElseGet(() -> lastKnown(order));
		}
		catch (EdgeUnavailableException ex) {
			log.info("No usable answer from payment-service for order {}, answering the last known state: {}", orderId,
					ex.getMessage());
			return lastKnown(order);
		}
	}

	/**
	 * What the payment events told the order: its outcome, and for a cancellation the way
	 * it ended as the order recorded it ({@link Order#cancellation()}).
	 */
	static PaymentStatusView lastKnown(Order order) {
		String status = switch (order.status()) {
			case CONFIRMED -> "AUTHORIZED";
			case REJECTED -> "DECLINED";
			case CANCELLED -> switch (order.cancellation().orElseThrow()) {
				case REFUNDED -> "REFUNDED";
				case VOIDED -> "VOIDED";
				case DECLINED -> "DECLINED";
			};
			case PENDING, CANCELLATION_REQUESTED, EXPIRED -> "UNKNOWN";
		};
		return new PaymentStatusView(order.id(), status, PaymentStatusView.Source.LAST_KNOWN, order.total(),
				order.currency(), null, null, null, order.history().getLast().at());
	}

}
