package io.orderflow.order.archfixture;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.orderflow.events.payment.PaymentAuthorized;

/** Breaks the "only consume payment events" rule on purpose. */
class ForgesPaymentEvents {

	PaymentAuthorized forge(UUID orderId) {
		return new PaymentAuthorized(UUID.randomUUID(), Instant.now(), orderId, "ch_forged", BigDecimal.ONE, "EUR");
	}

}
