package io.orderflow.payment.payments;

import java.math.BigDecimal;
import java.util.List;

/**
 * The external payment provider, a synchronous edge (adapter:
 * {@code provider.PaymentProviderClient}). Charges and refunds carry an idempotency key,
 * so repeating one after a timeout or a crash never moves money twice; lookups tell what
 * the provider booked when an answer was lost.
 *
 * <p>
 * Every answer is classified (the table is in {@code docs/faults.md}): what decides the
 * payment comes back as an outcome; a transient failure, or a provider that refuses to
 * serve us at all (API key refused, wrong base URL), is a
 * {@link PaymentProviderUnavailableException} (the record waits and is retried; the
 * circuit opens and pauses the consumer); a request the provider can never accept is
 * poison ({@link io.orderflow.messaging.consumer.PoisonEventException}).
 */
public interface PaymentProvider {

	/**
	 * The name of this synchronous edge: its circuit breaker, retry, bulkhead, metrics
	 * and settings.
	 */
	String EDGE = "payment-provider";

	ChargeOutcome charge(String idempotencyKey, String reference, BigDecimal amount, String currency,
			String paymentMethod);

	RefundOutcome refund(String idempotencyKey, String chargeId, BigDecimal amount);

	/**
	 * Every charge the provider booked for a reference (an order id), approved or
	 * declined, oldest first.
	 */
	List<BookedCharge> chargesFor(String reference);

	/** The ids of the refunds the provider booked for a charge, oldest first. */
	List<String> refundsOf(String chargeId);

	/** The provider's answer to a charge. */
	sealed interface ChargeOutcome {

		/** Money taken. */
		record Approved(String chargeId) implements ChargeOutcome {
		}

		/** One of the provider's documented card declines: nothing taken. */
		record Declined(String declineCode) implements ChargeOutcome {
		}

		/**
		 * The provider replays a failure of its own for this key (a stored {@code 500}):
		 * the request under it is finished, but what it booked is unknown until asked,
		 * and the key can never answer anything else.
		 */
		record KeySpent(String detail) implements ChargeOutcome {
		}

	}

	/** The provider's answer to a refund. */
	sealed interface RefundOutcome {

		record Refunded(String refundId) implements RefundOutcome {
		}

		/** As for a charge: a stored failure of the provider's; ask what it booked. */
		record KeySpent(String detail) implements RefundOutcome {
		}

		/**
		 * The charge has nothing left to refund: a refund under another key took it
		 * already. Ask which.
		 */
		record AlreadyRefunded(String detail) implements RefundOutcome {
		}

	}

	/** A charge as the provider's lookup lists it. */
	record BookedCharge(String id, boolean succeeded, String declineCode, BigDecimal amount) {
	}

}
