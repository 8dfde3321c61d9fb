package io.orderflow.order.orders;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.events.payment.PaymentDeclinedV2;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.events.payment.PaymentRefunded;
import io.orderflow.events.payment.PaymentVoided;
import io.orderflow.messaging.outbox.Outbox;
import io.orderflow.order.idempotency.IdempotencyKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The order use cases. Every change of state and the event announcing it are written in
 * one transaction (state in the order tables, event in the outbox); nothing here ever
 * talks to Kafka directly.
 *
 * <p>
 * The aggregate says what happened ({@link OrderDomainEvent}); once the order is stored,
 * each event it raised is announced through the outbox ({@link OrderEvents}) and
 * published to the listeners in this service (the saga's metrics count it when the
 * transaction commits).
 */
@Service
public class OrderService {

	private static final Logger log = LoggerFactory.getLogger(OrderService.class);

	private final OrderRepository orders;

	private final Outbox outbox;

	private final ApplicationEventPublisher domainEvents;

	private final IdempotencyKeys idempotencyKeys;

	private final SagaProperties saga;

	private final Clock clock;

	public OrderService(OrderRepository orders, Outbox outbox, ApplicationEventPublisher domainEvents,
			IdempotencyKeys idempotencyKeys, SagaProperties saga, Clock clock) {
		this.orders = orders;
		this.outbox = outbox;
		this.domainEvents = domainEvents;
		this.idempotencyKeys = idempotencyKeys;
		this.saga = saga;
		this.clock = clock;
	}

	/**
	 * Places an order, or answers the one already placed under the same idempotency key.
	 * @param idempotencyKey the client's key, or null
	 */
	@Transactional
	public Placement place(PlaceOrder request, String idempotencyKey) {
		UUID orderId = UUID.randomUUID();
		if (idempotencyKey != null) {
			UUID existing = idempotencyKeys.claim(request.customerId(), idempotencyKey, request.fingerprint(), orderId);
			if (!existing.equals(orderId)) {
				return new Placement(orders.findById(existing).orElseThrow(() -> new OrderNotFoundException(existing)),
						true);
			}
		}
		Order order = Order.place(orderId, request.customerId(), request.customerEmail(), request.currency(),
				request.paymentMethod(), request.lines(), clock.instant(), saga.deadline());
		orders.insert(order);
		handOnDomainEvents(order);
		return new Placement(order, false);
	}

	/**
	 * The customer's order: someone else's is not found, like one that does not exist, so
	 * that order ids cannot be probed (ADR 0022).
	 */
	@Transactional(readOnly = true)
	public Order get(UUID id, String customerId) {
		return orders.findById(id)
			.filter(order -> order.customerId().equals(customerId))
			.orElseThrow(() -> new OrderNotFoundException(id));
	}

	@Transactional(readOnly = true)
	public OrderRepository.OrderPage find(OrderRepository.OrderQuery query) {
		return orders.find(query);
	}

	/** Asks to cancel the customer's order; someone else's is not found. */
	@Transactional
	public Order cancel(UUID id, String customerId) {
		Order order = orders.lockById(id)
			.filter(found -> found.customerId().equals(customerId))
			.orElseThrow(() -> new OrderNotFoundException(id));
		Instant now = clock.instant();
		if (order.requestCancellation(now, saga.deadline())) {
			update(order);
		}
		return order;
	}

	/**
	 * Applies a payment result; called inside the consumer's transaction, after the inbox
	 * accepted the event.
	 * @throws OrderNotFoundException when the payment is about an order this service does
	 * not know
	 */
	@Transactional
	public void on(PaymentEvent event) {
		Order order = orders.lockById(event.orderId()).orElseThrow(() -> new OrderNotFoundException(event.orderId()));
		Instant now = clock.instant();
		boolean changed = switch (event) {
			case PaymentAuthorized authorized -> order.confirm(now);
			// both versions of a decline arrive while payment-service dual-publishes: the
			// first one moves the
			// order, the second finds it moved and changes nothing
			// (docs/event-evolution.md)
			case PaymentDeclined declined -> order.paymentDeclined(declined.reason(), now);
			case PaymentDeclinedV2 declined -> order.paymentDeclined(declined.declineCode(), now);
			case PaymentRefunded refunded -> order.refunded(now);
			case PaymentVoided voided -> order.paymentVoided(now);
		};
		if (changed) {
			update(order);
		}
		else {
			log.info("Order {} is {}; {} changes nothing", order.id(), order.status(),
					event.getClass().getSimpleName());
		}
	}

	/** Expires orders past their deadline, a bounded batch per call; answers how many. */
	@Transactional
	public int expireOverdue(int limit) {
		Instant now = clock.instant();
		int expired = 0;
		for (Order order : orders.lockOverdue(now, limit)) {
			if (order.expire(now)) {
				update(order);
				expired++;
			}
		}
		return expired;
	}

	private void update(Order order) {
		orders.update(order);
		handOnDomainEvents(order);
	}

	/**
	 * Announces and publishes what the stored order raised, in this transaction, once: an
	 * event handed on is forgotten by the order.
	 */
	private void handOnDomainEvents(Order order) {
		for (OrderDomainEvent event : order.domainEvents()) {
			outbox.add(OrderEvent.CATALOG, OrderEvents.announcing(event, order));
			domainEvents.publishEvent(event);
		}
		order.clearDomainEvents();
	}

	/**
	 * An order and whether it was placed by an earlier request with the same idempotency
	 * key.
	 */
	public record Placement(Order order, boolean replayed) {
	}

}
