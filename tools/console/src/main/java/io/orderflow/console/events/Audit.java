package io.orderflow.console.events;

import java.time.Instant;
import java.util.List;

/**
 * What the console found about an order at the public endpoints after its outcome: the
 * payment provider's ledger and notification-service's record of emails. The thesis in
 * numbers: one charge, one email per outcome.
 *
 * @param charges succeeded charges at the provider
 * @param declined declined charges at the provider
 * @param refunds refunds at the provider
 * @param emails emails notification-service sent, with when and about which outcome
 */
public record Audit(int charges, int declined, int refunds, List<Email> emails) {

	public record Email(Instant sentAt, String outcome) {
	}

}
