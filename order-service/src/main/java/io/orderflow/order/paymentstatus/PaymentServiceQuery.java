package io.orderflow.order.paymentstatus;

import java.util.Optional;
import java.util.UUID;

/**
 * The one synchronous read from order-service to payment-service (adapter:
 * {@code client.PaymentServiceClient}). It is a convenience for clients, never on the
 * order path: placing, cancelling and the saga use events only.
 */
public interface PaymentServiceQuery {

	/**
	 * The name of this synchronous edge: its circuit breaker, retry, bulkhead, metrics
	 * and settings.
	 */
	String EDGE = "payment-service";

	/**
	 * @return the payment as payment-service knows it now, empty if it knows none
	 * @throws io.orderflow.resilience.EdgeUnavailableException when it does not answer in
	 * time, its circuit is open, or its answer cannot be believed (a 4xx, a body that is
	 * not its list of payments for this order)
	 */
	Optional<PaymentStatusView> paymentOf(UUID orderId);

}
