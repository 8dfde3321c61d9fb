package io.orderflow.order.archfixture;

import io.orderflow.events.payment.PaymentEvent;

/**
 * Breaks the "record keys stay in the messaging adapter" rule on purpose: a domain method
 * taking the key.
 */
class TakesARecordKey {

	void on(String recordKey, PaymentEvent event) {
	}

}
