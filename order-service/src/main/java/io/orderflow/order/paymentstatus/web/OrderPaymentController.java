package io.orderflow.order.paymentstatus.web;

import java.util.UUID;

import io.orderflow.order.paymentstatus.OrderPaymentStatus;
import io.orderflow.order.paymentstatus.PaymentStatusView;
import io.orderflow.security.customer.Customer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The payment of an order, live from payment-service or, when it is down, as last known
 * from events.
 */
@RestController
@Tag(name = "Orders")
class OrderPaymentController {

	private final OrderPaymentStatus payments;

	OrderPaymentController(OrderPaymentStatus payments) {
		this.payments = payments;
	}

	@GetMapping("/api/orders/{id}/payment")
	@Operation(summary = "Get the payment of an order", description = """
			Asks payment-service (timeout, retry, circuit breaker `payment-service`). When it gives no usable answer \
			in time — no answer, a 5xx or any 4xx, a body that is not its list of payments for this order (not JSON, \
			another shape), or its circuit is open — answers the state order-service learned from payment events, \
			with `source: LAST_KNOWN`: never an error because payment-service is down or misbehaves. `status` is an \
			open set: a value payment-service adds (such as `PENDING`) is passed on as it came, so clients must \
			accept values they do not know.""")
	@ApiResponse(responseCode = "200", description = "The payment, with `source` LIVE or LAST_KNOWN")
	@ApiResponse(responseCode = "400", description = "The id is not a UUID")
	@ApiResponse(responseCode = "404", description = "No such order of the caller's")
	PaymentStatusView payment(@PathVariable UUID id, Customer customer) {
		return payments.of(id, customer.id());
	}

}
