package io.orderflow.payment.payments.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.payment.payments.Payment;
import io.orderflow.payment.payments.PaymentRepository;
import io.orderflow.payment.payments.PaymentStatus;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read side: the payment of an order, as a JSON array (empty while payment-service has not seen the order). */
@RestController
@RequestMapping("/api/payments")
class PaymentController {

	private final PaymentRepository payments;

	PaymentController(PaymentRepository payments) {
		this.payments = payments;
	}

	@GetMapping
	List<PaymentView> byOrder(@RequestParam UUID orderId) {
		return payments.findByOrderId(orderId).map(PaymentView::of).stream().toList();
	}

	/** A payment as clients see it. */
	record PaymentView(UUID orderId, PaymentStatus status, BigDecimal amount, String currency, String chargeId,
			String declineReason, String refundId, Instant createdAt, Instant updatedAt) {

		static PaymentView of(Payment p) {
			return new PaymentView(p.orderId(), p.status(), p.amount(), p.currency(), p.chargeId(), p.declineReason(),
					p.refundId(), p.createdAt(), p.updatedAt());
		}

	}

}
