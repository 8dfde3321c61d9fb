package io.orderflow.payment.payments;

import java.util.Optional;
import java.util.UUID;

/** Where payments are kept (adapter: {@code persistence.JdbcPaymentRepository}). */
public interface PaymentRepository {

	/** Stores a new payment; answers false if the order already has one. */
	boolean insert(Payment payment);

	/** Stores the payment's status, charge, refund and attempts. */
	void update(Payment payment);

	/**
	 * Stores the intent unless the order has a payment already, records whose order it is
	 * on a payment that knew no customer yet (one voided before its {@code OrderPlaced}
	 * arrived learns it late), and answers the order's payment as it now is.
	 */
	Payment openIntent(Payment intent);

	Optional<Payment> findByOrderId(UUID orderId);

	/** Loads and locks the payment until the transaction ends. */
	Optional<Payment> lockByOrderId(UUID orderId);

}
