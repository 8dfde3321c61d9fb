package io.orderflow.provider.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Every charge and refund the provider booked, in booking order. This is the provider's
 * truth that tests audit ("never charged twice"). The public methods only read and return
 * immutable copies; booking is reserved to the handlers of this package.
 *
 * <p>
 * Methods are {@code synchronized}: the critical sections are tiny and never block, and
 * the refund rule (never refund more than what is left of a charge) must check and book
 * in one step, even for two refunds under different idempotency keys.
 */
public final class Ledger {

	private final List<Charge> charges = new ArrayList<>();

	private final List<Refund> refunds = new ArrayList<>();

	private final Map<String, Charge> chargesById = new HashMap<>();

	/** All charges, approved and declined, oldest first. */
	public synchronized List<Charge> charges() {
		return List.copyOf(charges);
	}

	/** All refunds, oldest first. */
	public synchronized List<Refund> refunds() {
		return List.copyOf(refunds);
	}

	/** The charges made for one reference (for orderflow: one order id). */
	public synchronized List<Charge> chargesFor(String reference) {
		return charges.stream().filter(charge -> charge.reference().equals(reference)).toList();
	}

	/** The refunds of the charges made for one reference. */
	public synchronized List<Refund> refundsFor(String reference) {
		return refunds.stream().filter(refund -> refund.reference().equals(reference)).toList();
	}

	/** The refunds of one charge, oldest first. */
	public synchronized List<Refund> refundsOf(String chargeId) {
		return refunds.stream().filter(refund -> refund.charge().equals(chargeId)).toList();
	}

	/**
	 * Charges and refunds read in one step, so a refund is never seen without its charge.
	 */
	public synchronized Entries entries() {
		return new Entries(charges(), refunds());
	}

	/** The charges and refunds of one reference, read in one step. */
	public synchronized Entries entriesFor(String reference) {
		return new Entries(chargesFor(reference), refundsFor(reference));
	}

	public synchronized Optional<Charge> charge(String id) {
		return Optional.ofNullable(chargesById.get(id));
	}

	/** How much of a charge has been refunded so far; zero for an unknown charge. */
	public synchronized BigDecimal refundedAmount(String chargeId) {
		return refunds.stream()
			.filter(refund -> refund.charge().equals(chargeId))
			.map(Refund::amount)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	synchronized Charge recordCharge(String idempotencyKey, String reference, BigDecimal amount, String currency,
			String paymentMethod, Optional<String> declineCode) {
		Charge charge = new Charge(newId("ch"), idempotencyKey, reference, amount, currency, paymentMethod,
				declineCode.isPresent() ? ChargeStatus.DECLINED : ChargeStatus.SUCCEEDED, declineCode.orElse(null),
				now());
		charges.add(charge);
		chargesById.put(charge.id(), charge);
		return charge;
	}

	/**
	 * Books a refund if the charge succeeded and still has that much left to refund.
	 * @param requestedAmount the amount to refund, or {@code null} for everything still
	 * refundable
	 * @throws RefundRejectedException when the refund is refused; nothing is booked then
	 */
	synchronized Refund recordRefund(String idempotencyKey, String chargeId, BigDecimal requestedAmount) {
		Charge charge = chargesById.get(chargeId);
		if (charge == null) {
			throw new RefundRejectedException(RefundRejectedException.Reason.UNKNOWN_CHARGE,
					"No charge with id " + chargeId);
		}
		if (!charge.succeeded()) {
			throw new RefundRejectedException(RefundRejectedException.Reason.CHARGE_NOT_SUCCEEDED,
					"Charge " + chargeId + " was declined: there is nothing to refund");
		}
		BigDecimal refundable = charge.amount().subtract(refundedAmount(chargeId));
		BigDecimal amount = Objects.requireNonNullElse(requestedAmount, refundable);
		if (refundable.signum() == 0) {
			throw new RefundRejectedException(RefundRejectedException.Reason.ALREADY_REFUNDED,
					"Charge " + chargeId + " is already fully refunded");
		}
		if (amount.compareTo(refundable) > 0) {
			throw new RefundRejectedException(RefundRejectedException.Reason.EXCEEDS_REFUNDABLE_AMOUNT,
					"Refund of " + amount + " " + charge.currency() + " exceeds the " + refundable + " "
							+ charge.currency() + " still refundable on charge " + chargeId);
		}
		Refund refund = new Refund(newId("re"), idempotencyKey, chargeId, charge.reference(), amount, charge.currency(),
				now());
		refunds.add(refund);
		return refund;
	}

	synchronized void clear() {
		charges.clear();
		refunds.clear();
		chargesById.clear();
	}

	/**
	 * A consistent copy of (part of) the ledger; also the body of {@code GET /v1/ledger}.
	 */
	public record Entries(List<Charge> charges, List<Refund> refunds) {

		public Entries {
			charges = List.copyOf(charges);
			refunds = List.copyOf(refunds);
		}

	}

	/** Ids look like the provider's: a type prefix and an opaque random part. */
	private static String newId(String prefix) {
		return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
	}

	/**
	 * Millisecond precision is what JSON clients keep anyway, so an entry reads back
	 * equal.
	 */
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
