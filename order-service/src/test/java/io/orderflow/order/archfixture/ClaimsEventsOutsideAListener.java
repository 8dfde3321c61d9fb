package io.orderflow.order.archfixture;

import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.inbox.Inbox;

/**
 * Breaks the "only listener adapters touch the inbox" rule on purpose: a use case
 * claiming events itself.
 */
class ClaimsEventsOutsideAListener {

	private final Inbox inbox;

	ClaimsEventsOutsideAListener(Inbox inbox) {
		this.inbox = inbox;
	}

	boolean isNew(PaymentEvent event) {
		return inbox.wasProcessed(event);
	}

}
