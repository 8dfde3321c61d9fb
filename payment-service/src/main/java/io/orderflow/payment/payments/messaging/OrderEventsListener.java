package io.orderflow.payment.payments.messaging;

import io.orderflow.events.IntegrationEvent;
import io.orderflow.events.order.OrderCancellationRequested;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.messaging.consumer.ReplayTopics;
import io.orderflow.messaging.inbox.Inbox;
import io.orderflow.payment.payments.PaymentService;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Reacts to the order lifecycle: charge what is placed, refund or void what is cancelled
 * or expired. Outcomes that need no money (confirmed, rejected, cancelled) are read and
 * passed over.
 *
 * <p>
 * As every listener adapter of orderflow, it keeps the record to itself: it checks that
 * the key is the event's order id, and claims the event in the inbox in the transaction
 * that records its effect, then calls the domain with the event alone. Here the provider
 * is called before that transaction, since none may stay open across a remote call (ADR
 * 0016): the domain answers what the provider did ({@link PaymentService#charge},
 * {@link PaymentService#compensate}) and records it in the transaction that claims the
 * event. An event already claimed is not sent to the provider again; one claimed by a
 * concurrent delivery meanwhile records nothing. Dead letters an operator replays come on
 * the group's replay topic ({@link ReplayTopics}) and are handled the same way.
 */
@Component
class OrderEventsListener {

	/** The listener container's id, to pause it while the provider's circuit is open. */
	static final String ID = "payment-order-events";

	private final PaymentService payments;

	private final Inbox inbox;

	private final TransactionOperations transactions;

	OrderEventsListener(PaymentService payments, Inbox inbox, TransactionOperations transactions) {
		this.payments = payments;
		this.inbox = inbox;
		this.transactions = transactions;
	}

	@KafkaListener(id = ID, idIsGroup = false,
			topics = { OrderEvent.TOPIC, OrderEvent.TOPIC + ReplayTopics.OF_OWN_GROUP })
	void on(OrderEvent event, @Header(name = KafkaHeaders.RECEIVED_KEY, required = false) String key) {
		Inbox.requireKeyIsAggregateId(key, event);
		switch (event) {
			case OrderPlaced placed -> {
				if (!inbox.wasProcessed(placed)) {
					payments.charge(placed).ifPresent(answer -> once(key, placed, () -> payments.record(answer)));
				}
			}
			case OrderCancellationRequested cancellation -> compensate(key, cancellation);
			case OrderExpired expiry -> compensate(key, expiry);
			default -> {
				// not a payment matter
			}
		}
	}

	private void compensate(String key, OrderEvent reason) {
		if (!inbox.wasProcessed(reason)) {
			PaymentService.Compensation compensation = payments.compensate(reason);
			once(key, reason, () -> payments.record(compensation));
		}
	}

	/**
	 * Claims the event and records its effect in one transaction; a delivery that finds
	 * it claimed does nothing.
	 */
	private void once(String key, IntegrationEvent event, Runnable effect) {
		transactions.executeWithoutResult(tx -> {
			if (inbox.isFirstDelivery(key, event)) {
				effect.run();
			}
		});
	}

}
