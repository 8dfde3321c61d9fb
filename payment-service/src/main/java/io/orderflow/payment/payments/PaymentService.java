package io.orderflow.payment.payments;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.orderflow.events.IntegrationEvent;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.events.payment.PaymentDeclinedV2;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.events.payment.PaymentRefunded;
import io.orderflow.messaging.inbox.Inbox;
import io.orderflow.messaging.outbox.Outbox;
import io.orderflow.payment.payments.PaymentProvider.ChargeOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Charges placed orders and refunds cancelled or expired ones.
 *
 * <p>No database transaction stays open across a provider call: the call comes first (made safe to repeat by its
 * idempotency key), then one transaction records the event as processed, stores the payment and writes the
 * resulting event to the outbox. A crash in between repeats the call and gets the provider's first answer again.
 */
@Service
public class PaymentService {

	private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

	private final PaymentRepository payments;

	private final PaymentProvider provider;

	private final Inbox inbox;

	private final Outbox outbox;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public PaymentService(PaymentRepository payments, PaymentProvider provider, Inbox inbox, Outbox outbox,
			TransactionTemplate transactions, Clock clock) {
		this.payments = payments;
		this.provider = provider;
		this.inbox = inbox;
		this.outbox = outbox;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * Charges the order once, whatever the number of deliveries of its {@code OrderPlaced}; never an order that
	 * already has a payment, voided ones included.
	 */
	public void charge(String recordKey, OrderPlaced order) {
		Inbox.requireKeyIsOrderId(recordKey, order);
		if (inbox.wasProcessed(order) || payments.findByOrderId(order.orderId()).isPresent()) {
			return;
		}
		ChargeOutcome outcome = provider.charge(chargeKey(order.orderId()), order.orderId().toString(),
				order.total(), order.currency(), order.paymentMethod());
		transactions.executeWithoutResult(tx -> {
			if (!inbox.isFirstDelivery(recordKey, order)) {
				return;
			}
			Instant now = clock.instant();
			switch (outcome) {
				case ChargeOutcome.Approved approved -> record(
						Payment.authorized(order.orderId(), order.total(), order.currency(), approved.chargeId(), now),
						new PaymentAuthorized(UUID.randomUUID(), now, order.orderId(), approved.chargeId(),
								order.total(), order.currency()));
				case ChargeOutcome.Declined declined -> record(
						Payment.declined(order.orderId(), order.total(), order.currency(), declined.declineCode(), now),
						// dual publishing while consumers migrate to v2: v1 first, same transaction, same key
						new PaymentDeclined(UUID.randomUUID(), now, order.orderId(), declined.declineCode()),
						new PaymentDeclinedV2(UUID.randomUUID(), now, order.orderId(), declined.declineCode(),
								DeclineCodes.isRetryable(declined.declineCode())));
			}
		});
	}

	/**
	 * Gives the money back after a cancellation or an expiry. Without an authorized payment there is nothing to
	 * give back; a second request (cancelled, then expired) finds the payment already refunded. An order that ends
	 * before it was ever charged is voided, so that an {@code OrderPlaced} replayed later never charges it.
	 */
	public void refund(String recordKey, IntegrationEvent reason) {
		Inbox.requireKeyIsOrderId(recordKey, reason);
		if (inbox.wasProcessed(reason)) {
			return;
		}
		Payment payment = payments.findByOrderId(reason.orderId()).filter(Payment::isRefundable).orElse(null);
		String refundId = payment == null ? null
				: provider.refund(refundKey(reason.orderId()), payment.chargeId(), payment.amount());
		transactions.executeWithoutResult(tx -> {
			if (!inbox.isFirstDelivery(recordKey, reason)) {
				return;
			}
			Instant now = clock.instant();
			Payment current = payments.lockByOrderId(reason.orderId()).orElse(null);
			if (current == null) {
				payments.insert(Payment.voided(reason.orderId(), now));
				log.info("Order {} ended before any charge; voided", reason.orderId());
				return;
			}
			if (refundId == null || !current.isRefundable()) {
				log.info("Order {}: nothing to refund after {}", reason.orderId(), reason.getClass().getSimpleName());
				return;
			}
			Payment refunded = current.refunded(refundId, now);
			payments.update(refunded);
			outbox.add(PaymentEvent.CATALOG, new PaymentRefunded(UUID.randomUUID(), now, current.orderId(), refundId,
					current.amount(), current.currency()));
		});
	}

	private void record(Payment payment, PaymentEvent... events) {
		if (payments.insert(payment)) {
			for (PaymentEvent event : events) {
				outbox.add(PaymentEvent.CATALOG, event);
			}
		}
	}

	/** One charge per order: the provider sees the same key however often the order is retried. */
	static String chargeKey(UUID orderId) {
		return "order-" + orderId + "-charge";
	}

	static String refundKey(UUID orderId) {
		return "order-" + orderId + "-refund";
	}

}
