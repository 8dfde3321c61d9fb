package io.orderflow.order.paymentstatus;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Where the money of an order stands, as a client sees it: live from payment-service when
 * it answers in time, otherwise the last state order-service learned from payment events,
 * saying so in {@code source}.
 *
 * @param status an open set: live, whatever payment-service says ({@code AUTHORIZED},
 * {@code DECLINED}, {@code REFUNDED}, {@code VOIDED}, {@code PENDING}, or a state it adds
 * later, passed on as it came); last known, {@code AUTHORIZED}, {@code DECLINED},
 * {@code REFUNDED} or {@code UNKNOWN} while no payment result is known
 * @param asOf when this state was established (live: payment-service's last update; last
 * known: the order's)
 */
public record PaymentStatusView(UUID orderId, @Schema(description = STATUS, example = "AUTHORIZED") String status,
		Source source, @Nullable BigDecimal amount, @Nullable String currency, @Nullable String chargeId,
		@Nullable String refundId, @Nullable String declineReason, Instant asOf) {

	static final String STATUS = """
			Where the money stands, an upper-case token from an open set: clients must accept values not listed here. \
			AUTHORIZED (charged), DECLINED (refused, nothing taken), REFUNDED (given back), VOIDED (never charged, never \
			will be), PENDING (a charge was requested and its outcome is not known yet: money may have been taken), \
			UNKNOWN (last known only: no payment result has reached the order yet). A status payment-service adds later \
			is passed on as it came.""";

	/** Where the answer comes from. */
	public enum Source {

		/** payment-service answered now. */
		LIVE,
		/**
		 * payment-service gave no usable answer in time; this is what the payment events
		 * told order-service.
		 */
		LAST_KNOWN

	}

}
