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
	 * Records whose order it is where no customer is known yet: a payment voided before
	 * its {@code OrderPlaced} arrived learns it late.
	 */
	void assignCustomer(UUID orderId, String customerId);

	Optional<Payment> findByOrderId(UUID orderId);

	/** Loads and locks the payment until the transaction ends. */
	Optional<Payment> lockByOrderId(UUID orderId);

}
