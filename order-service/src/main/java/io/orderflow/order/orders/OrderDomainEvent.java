package io.orderflow.order.orders;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * What happened to an order, raised by the {@link Order} aggregate's transitions, one
 * event per transition. The cause is data here (a decline code, how a cancellation
 * ended), so what is derived from an event never reads the wording of the order's
 * history: the integration event announcing it ({@code OrderEvents}), the saga's metrics
 * ({@code metrics.SagaMetrics}) and the payment state order-service answers itself
 * ({@code paymentstatus.OrderPaymentStatus}).
 *
 * <p>
 * Kept apart from the integration events of {@code shared-events} (published contracts):
 * these stay inside order-service and can change with the aggregate.
 */
public sealed interface OrderDomainEvent {

	UUID orderId();

	/** When it happened. */
	Instant at();

	/** The state the order is in after it. */
	OrderStatus status();

	/** The order was placed and waits for its payment. */
	record Placed(UUID orderId, Instant at) implements OrderDomainEvent {

		@Override
		public OrderStatus status() {
			return OrderStatus.PENDING;
		}

	}

	/**
	 * The customer asked to cancel; the order waits for its payment to be given back or
	 * voided.
	 */
	record CancellationRequested(UUID orderId, Instant at) implements OrderDomainEvent {

		@Override
		public OrderStatus status() {
			return OrderStatus.CANCELLATION_REQUESTED;
		}

	}

	/**
	 * An outcome the customer is told about, which ends a step of the saga. A confirmed
	 * order cancelled later has two: confirmed, then cancelled.
	 */
	sealed interface Outcome extends OrderDomainEvent {

		/** When the order was placed: an outcome ends the saga that started then. */
		Instant placedAt();

		default Duration sincePlaced() {
			return Duration.between(placedAt(), at());
		}

	}

	/** payment-service authorized the payment. */
	record Confirmed(UUID orderId, Instant at, Instant placedAt) implements Outcome {

		@Override
		public OrderStatus status() {
			return OrderStatus.CONFIRMED;
		}

	}

	/**
	 * payment-service declined the payment of a pending order, with the provider's
	 * decline code.
	 */
	record Rejected(UUID orderId, Instant at, Instant placedAt, String declineReason) implements Outcome {

		@Override
		public OrderStatus status() {
			return OrderStatus.REJECTED;
		}

	}

	/** The cancellation is complete; {@code how} says what became of the payment. */
	record Cancelled(UUID orderId, Instant at, Instant placedAt, Cancellation how) implements Outcome {

		@Override
		public OrderStatus status() {
			return OrderStatus.CANCELLED;
		}

	}

	/** No outcome came before the saga's deadline. */
	record Expired(UUID orderId, Instant at, Instant placedAt) implements Outcome {

		@Override
		public OrderStatus status() {
			return OrderStatus.EXPIRED;
		}

	}

	/**
	 * How a cancellation ended for the customer's money, as payment-service reported it.
	 */
	enum Cancellation {

		/** The payment was taken and given back. */
		REFUNDED,

		/**
		 * payment-service voided the payment: nothing was charged and nothing will be.
		 */
		VOIDED,

		/**
		 * The payment was declined while the cancellation waited: nothing to give back.
		 */
		DECLINED

	}

}
