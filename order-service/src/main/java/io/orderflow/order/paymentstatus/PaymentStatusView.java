package io.orderflow.order.paymentstatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Where the money of an order stands, as a client sees it: live from payment-service when it answers in time,
 * otherwise the last state order-service learned from payment events, saying so in {@code source}.
 *
 * @param status {@code AUTHORIZED}, {@code DECLINED}, {@code REFUNDED}, {@code VOIDED}, or {@code UNKNOWN} while no
 * payment result is known
 * @param asOf when this state was established (live: payment-service's last update; last known: the order's)
 */
public record PaymentStatusView(UUID orderId, String status, Source source, BigDecimal amount, String currency,
		String chargeId, String refundId, String declineReason, Instant asOf) {

	/** Where the answer comes from. */
	public enum Source {

		/** payment-service answered now. */
		LIVE,
		/** payment-service did not answer in time; this is what the payment events told order-service. */
		LAST_KNOWN

	}

}
