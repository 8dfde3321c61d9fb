package io.orderflow.payment.payments;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.orderflow.events.order.OrderPlaced;
import io.orderflow.payment.payments.PaymentProvider.BookedCharge;
import io.orderflow.payment.payments.PaymentProvider.ChargeOutcome;
import io.orderflow.payment.payments.PaymentProvider.RefundOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One logical charge or refund at the provider, across as many idempotency keys as the
 * provider's own failures spend. A provider stores the answer of a request that failed on
 * its side (a {@code 500}) under its key and replays it for ever, so retrying that key
 * cannot succeed; a new key could charge twice if the first request did book something.
 * So a spent key is followed by a lookup by the order's reference: what the provider
 * booked decides; only when it booked nothing is the next key taken, and the attempt
 * number is committed before it is used.
 */
@Component
class ProviderAttempts {

	private static final Logger log = LoggerFactory.getLogger(ProviderAttempts.class);

	/**
	 * Keys one delivery may spend before it gives up and lets the record be retried
	 * later: a provider that fails every request is down, and the circuit and the
	 * consumer's back-off are the way to wait for it.
	 */
	static final int KEYS_PER_DELIVERY = 3;

	private final PaymentProvider provider;

	private final PaymentRepository payments;

	private final TransactionTemplate transactions;

	private final Clock clock;

	ProviderAttempts(PaymentProvider provider, PaymentRepository payments, TransactionTemplate transactions,
			Clock clock) {
		this.provider = provider;
		this.payments = payments;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * @return the provider's decision: {@link ChargeOutcome.Approved} or
	 * {@link ChargeOutcome.Declined}
	 */
	ChargeOutcome charge(Payment intent, OrderPlaced order) {
		Payment current = intent;
		for (int spent = 0; spent < KEYS_PER_DELIVERY; spent++) {
			ChargeOutcome outcome = provider.charge(current.chargeKey(), reference(current), order.total(),
					order.currency(), order.paymentMethod());
			if (!(outcome instanceof ChargeOutcome.KeySpent keySpent)) {
				return outcome;
			}
			Optional<ChargeOutcome> booked = bookedCharge(current).map(ProviderAttempts::outcomeOf);
			if (booked.isPresent()) {
				log.info("Order {}: key {} is spent ({}), the provider booked {}", current.orderId(),
						current.chargeKey(), keySpent.detail(), booked.get());
				return booked.get();
			}
			log.warn("Order {}: key {} is spent ({}) and booked nothing; charging under the next key",
					current.orderId(), current.chargeKey(), keySpent.detail());
			current = nextChargeAttempt(current);
		}
		throw new PaymentProviderUnavailableException("Payment provider failed the charge of order " + intent.orderId()
				+ " under " + KEYS_PER_DELIVERY + " keys; the order waits for it to heal", null);
	}

	/**
	 * What the provider booked for the payment's order: its succeeded charge if there is
	 * one, else its last declined one, else nothing. Asked whenever the outcome of a
	 * charge is unknown.
	 */
	Optional<BookedCharge> bookedCharge(Payment payment) {
		List<BookedCharge> charges = provider.chargesFor(reference(payment));
		return charges.stream()
			.filter(BookedCharge::succeeded)
			.findFirst()
			.or(() -> charges.isEmpty() ? Optional.empty() : Optional.of(charges.getLast()));
	}

	/**
	 * @param amount what the charge took: the order's total for the payment's own charge,
	 * the booked amount for one the provider found
	 * @return the provider's id of the refund of the charge, made now or found made
	 * before
	 */
	String refund(Payment payment, String chargeId, BigDecimal amount) {
		Payment current = payment;
		for (int spent = 0; spent < KEYS_PER_DELIVERY; spent++) {
			RefundOutcome outcome = provider.refund(current.refundKey(), chargeId, amount);
			switch (outcome) {
				case RefundOutcome.Refunded refunded -> {
					return refunded.refundId();
				}
				case RefundOutcome.AlreadyRefunded already -> {
					return refundsOf(chargeId)
						.orElseThrow(() -> new PaymentProviderUnavailableException("Provider says charge " + chargeId
								+ " is refunded (" + already.detail() + ") but lists no refund of it", null));
				}
				case RefundOutcome.KeySpent keySpent -> {
					Optional<String> booked = refundsOf(chargeId);
					if (booked.isPresent()) {
						return booked.get();
					}
					log.warn("Order {}: refund key {} is spent ({}) and refunded nothing; refunding under the next key",
							current.orderId(), current.refundKey(), keySpent.detail());
					current = nextRefundAttempt(current);
				}
			}
		}
		throw new PaymentProviderUnavailableException("Payment provider failed the refund of order " + payment.orderId()
				+ " under " + KEYS_PER_DELIVERY + " keys; the refund waits for it to heal", null);
	}

	private Optional<String> refundsOf(String chargeId) {
		List<String> refunds = provider.refundsOf(chargeId);
		return refunds.isEmpty() ? Optional.empty() : Optional.of(refunds.getFirst());
	}

	/**
	 * Committed before the next key is used: a crash then never goes back to a key
	 * already known to be spent.
	 */
	private Payment nextChargeAttempt(Payment spent) {
		return transactions.execute(tx -> {
			Payment current = payments.lockByOrderId(spent.orderId()).orElseThrow();
			if (!current.isPending() || current.chargeAttempt() != spent.chargeAttempt()) {
				throw new IllegalStateException("Payment of order " + spent.orderId() + " changed while charging: "
						+ current.status() + ", attempt " + current.chargeAttempt());
			}
			Payment next = current.withNextChargeAttempt(clock.instant());
			payments.update(next);
			return next;
		});
	}

	private Payment nextRefundAttempt(Payment spent) {
		return transactions.execute(tx -> {
			Payment current = payments.lockByOrderId(spent.orderId()).orElseThrow();
			Payment next = current.withNextRefundAttempt(clock.instant());
			payments.update(next);
			return next;
		});
	}

	private static ChargeOutcome outcomeOf(BookedCharge charge) {
		return charge.succeeded() ? new ChargeOutcome.Approved(charge.id())
				: new ChargeOutcome.Declined(charge.declineCode());
	}

	private static String reference(Payment payment) {
		return payment.orderId().toString();
	}

}
