package io.orderflow.payment.payments;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.events.payment.PaymentDeclinedV2;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.events.payment.PaymentRefunded;
import io.orderflow.events.payment.PaymentVoided;
import io.orderflow.messaging.outbox.Outbox;
import io.orderflow.payment.payments.PaymentProvider.BookedCharge;
import io.orderflow.payment.payments.PaymentProvider.ChargeOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Charges placed orders, and refunds or voids the ones that end without an outcome
 * (cancelled, expired).
 *
 * <p>
 * No database transaction stays open across a provider call. A charge goes in three
 * steps: the intent ({@code PENDING}) is committed, the provider is called (made safe to
 * repeat by the intent's idempotency key), then one transaction records the event as
 * processed, stores the decision and writes the resulting event to the outbox. Whatever
 * happens in between — a timeout, an unreadable answer, a crash after the provider said
 * yes, a dead-lettered record — the intent stays, so "no payment" always means "never
 * charged", and an order that ends with a pending intent is settled by asking the
 * provider what it booked (ADR 0016).
 *
 * <p>
 * So each use case has two halves: one that talks to the provider outside any transaction
 * ({@link #charge}, {@link #compensate}) and answers what it found, and one that records
 * it ({@code record}) in the transaction the listener adapter opens, in which it claimed
 * the event in the inbox first.
 */
@Service
public class PaymentService {

	private static final Logger log = LoggerFactory.getLogger(PaymentService.class);

	private final PaymentRepository payments;

	private final ProviderAttempts provider;

	private final Outbox outbox;

	private final Clock clock;

	public PaymentService(PaymentRepository payments, ProviderAttempts provider, Outbox outbox, Clock clock) {
		this.payments = payments;
		this.provider = provider;
		this.outbox = outbox;
		this.clock = clock;
	}

	/**
	 * Asks the provider to charge the order, outside any transaction, unless its payment
	 * is decided or voided already: what is then left to record. A pending intent left by
	 * an earlier delivery (a crash, a dead letter being replayed) is resolved under its
	 * own key: the provider answers what it booked. Whatever the number of deliveries of
	 * the {@code OrderPlaced}, the order is charged once.
	 */
	public Optional<ChargeAnswer> charge(OrderPlaced order) {
		Payment intent = openIntent(order);
		if (!intent.isPending()) {
			log.info("Order {} already has a {} payment; not charged again", order.orderId(), intent.status());
			return Optional.empty();
		}
		return Optional.of(new ChargeAnswer(order, provider.charge(intent, order)));
	}

	/**
	 * Records the provider's answer to a charge, unless a decision was recorded
	 * meanwhile.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(ChargeAnswer answer) {
		OrderPlaced order = answer.order();
		Payment current = payments.lockByOrderId(order.orderId()).orElseThrow();
		if (!current.isPending()) {
			return;
		}
		Instant now = clock.instant();
		switch (answer.outcome()) {
			case ChargeOutcome.Approved approved ->
				store(current.authorized(approved.chargeId(), now), new PaymentAuthorized(UUID.randomUUID(), now,
						order.orderId(), approved.chargeId(), order.total(), order.currency()));
			case ChargeOutcome.Declined declined -> store(current.declined(declined.declineCode(), now),
					// dual publishing while consumers migrate to v2: v1 first, same
					// transaction, same key
					new PaymentDeclined(UUID.randomUUID(), now, order.orderId(), declined.declineCode()),
					new PaymentDeclinedV2(UUID.randomUUID(), now, order.orderId(), declined.declineCode(),
							DeclineCodes.isRetryable(declined.declineCode())));
			case ChargeOutcome.KeySpent spent -> throw new IllegalStateException("Unresolved " + spent);
		}
	}

	/**
	 * Settles at the provider, outside any transaction, the money of an order that ended
	 * without an outcome (cancelled or expired), and answers what is left to record: an
	 * authorized charge is refunded; a pending intent is resolved by asking the provider,
	 * and what it booked is refunded; an order with no charge at the provider is to be
	 * voided, so that a late or replayed {@code OrderPlaced} never charges it, and the
	 * order learns it ({@code PaymentVoided}). A second request (cancelled, then expired)
	 * finds it settled.
	 */
	public Compensation compensate(OrderEvent reason) {
		return new Compensation(reason, settlementOf(payments.findByOrderId(reason.orderId())));
	}

	/**
	 * Records what the provider did to settle the order's money: voided, refunded, or
	 * nothing left to settle.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(Compensation compensation) {
		OrderEvent reason = compensation.reason();
		Instant now = clock.instant();
		Payment current = payments.lockByOrderId(reason.orderId()).orElse(null);
		switch (compensation.settlement()) {
			case Settlement.NoCharge noCharge when current == null -> {
				payments.insert(Payment.voidedBeforeAnyIntent(reason.orderId(), now));
				outbox.add(PaymentEvent.CATALOG, new PaymentVoided(UUID.randomUUID(), now, reason.orderId()));
				log.info("Order {} ended before any charge was asked for; voided", reason.orderId());
			}
			case Settlement.NoCharge noCharge when current.isPending() -> {
				payments.update(current.voided(now));
				outbox.add(PaymentEvent.CATALOG, new PaymentVoided(UUID.randomUUID(), now, reason.orderId()));
				log.info("Order {} ended and the provider holds no charge for it; voided", reason.orderId());
			}
			case Settlement.Refund refund when current != null && (current.isRefundable() || current.isPending()) -> {
				payments.update(current.refunded(refund.chargeId(), refund.refundId(), now));
				outbox.add(PaymentEvent.CATALOG, new PaymentRefunded(UUID.randomUUID(), now, current.orderId(),
						refund.refundId(), refund.amount(), current.currency()));
			}
			default -> log.info("Order {}: nothing to settle after {} (payment {})", reason.orderId(),
					reason.getClass().getSimpleName(), current == null ? "none" : current.status());
		}
	}

	/**
	 * What ending the order means for its money, found out before the transaction that
	 * records it.
	 */
	private Settlement settlementOf(Optional<Payment> stored) {
		if (stored.isEmpty()) {
			return new Settlement.NoCharge();
		}
		Payment payment = stored.get();
		return switch (payment.status()) {
			case AUTHORIZED -> new Settlement.Refund(payment.chargeId(),
					provider.refund(payment, payment.chargeId(), payment.amount()), payment.amount());
			// what the provider booked is given back whole, whatever it is
			case PENDING -> provider.bookedCharge(payment)
				.filter(BookedCharge::succeeded)
				.<Settlement>map(charge -> new Settlement.Refund(charge.id(),
						provider.refund(payment, charge.id(), charge.amount()), charge.amount()))
				.orElseGet(Settlement.NoCharge::new);
			case DECLINED, REFUNDED, VOIDED -> new Settlement.AlreadySettled();
		};
	}

	/**
	 * The intent is committed before the provider is called; an intent or a decision
	 * stored earlier is kept.
	 */
	private Payment openIntent(OrderPlaced order) {
		return payments.openIntent(
				Payment.intent(order.orderId(), order.customerId(), order.total(), order.currency(), clock.instant()));
	}

	private void store(Payment payment, PaymentEvent... events) {
		payments.update(payment);
		for (PaymentEvent event : events) {
			outbox.add(PaymentEvent.CATALOG, event);
		}
	}

	/**
	 * What the provider answered to charging an order, for {@link #record(ChargeAnswer)}.
	 */
	public record ChargeAnswer(OrderPlaced order, ChargeOutcome outcome) {
	}

	/**
	 * What ending an order means for its money, as the provider left it, for
	 * {@link #record(Compensation)}.
	 */
	public record Compensation(OrderEvent reason, Settlement settlement) {
	}

	sealed interface Settlement {

		/** The provider gave this charge back, this much of it (all it took). */
		record Refund(String chargeId, String refundId, BigDecimal amount) implements Settlement {
		}

		/** The provider holds no charge for the order: void it. */
		record NoCharge() implements Settlement {
		}

		/** Declined, refunded or voided before: nothing left to do. */
		record AlreadySettled() implements Settlement {
		}

	}

}
