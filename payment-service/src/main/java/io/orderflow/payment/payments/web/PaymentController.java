package io.orderflow.payment.payments.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.payment.payments.Payment;
import io.orderflow.payment.payments.PaymentRepository;
import io.orderflow.payment.payments.PaymentStatus;
import io.orderflow.security.customer.Customer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read side: the payment of an order, as a JSON array (empty while payment-service has
 * not seen the order). A customer sees the payments of their own orders only; someone
 * else's order answers as one never seen, so that order ids cannot be probed (ADR 0022).
 */
@Tag(name = "Payments", description = "Read side: where the money of an order stands")
@RestController
@RequestMapping("/api/payments")
class PaymentController {

	private final PaymentRepository payments;

	PaymentController(PaymentRepository payments) {
		this.payments = payments;
	}

	@Operation(summary = "Payment of an order", description = """
			A JSON array with the order's payment, or empty while payment-service has not seen the order yet, and \
			for an order of another customer. \
			PENDING: the provider was asked for the money and its answer is not known yet, so the customer may be \
			charged; AUTHORIZED: charged; DECLINED: the provider refused, nothing was taken; REFUNDED: charged and \
			given back; VOIDED: the order ended without a charge at the provider, and none will be made.""")
	@Parameter(name = "orderId", description = "The order id (from order-service)")
	@ApiResponse(responseCode = "200", description = "Zero or one payment")
	@ApiResponse(responseCode = "400", description = "orderId is missing or not a UUID")
	@ApiResponse(responseCode = "401", description = "No valid customer's access token")
	@ApiResponse(responseCode = "403", description = "The token does not grant the customer API")
	@GetMapping
	List<PaymentView> byOrder(@RequestParam UUID orderId, @Parameter(hidden = true) Customer customer) {
		return payments.findByOrderId(orderId)
			.filter(payment -> payment.belongsTo(customer.id()))
			.map(PaymentView::of)
			.stream()
			.toList();
	}

	/** A payment as clients see it. */
	record PaymentView(UUID orderId, PaymentStatus status, @Nullable BigDecimal amount, @Nullable String currency,
			@Nullable String chargeId, @Nullable String declineReason, @Nullable String refundId, Instant createdAt,
			Instant updatedAt) {

		static PaymentView of(Payment p) {
			return new PaymentView(p.orderId(), p.status(), p.amount(), p.currency(), p.chargeId(), p.declineReason(),
					p.refundId(), p.createdAt(), p.updatedAt());
		}

	}

}
