package io.orderflow.order.orders.web;

import java.net.URI;
import java.util.UUID;

import io.orderflow.order.orders.OrderRepository.OrderPage;
import io.orderflow.order.orders.OrderRepository.OrderQuery;
import io.orderflow.order.orders.OrderService;
import io.orderflow.order.orders.OrderService.Placement;
import io.orderflow.order.orders.OrderStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The order API. Placing an order answers {@code 202 Accepted} as soon as the order and its {@code OrderPlaced}
 * event are committed: the client never waits for payment.
 */
@RestController
@RequestMapping("/api/orders")
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final OrderService orders;

	OrderController(OrderService orders) {
		this.orders = orders;
	}

	@PostMapping
	ResponseEntity<OrderView> place(@Valid @RequestBody PlaceOrderRequest request,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) @Pattern(regexp = "[\\x21-\\x7e]+", message = "must be printable ASCII without spaces") String idempotencyKey) {
		Placement placement = orders.place(request.toCommand(), idempotencyKey);
		URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/api/orders/{id}")
			.buildAndExpand(placement.order().id())
			.toUri();
		return ResponseEntity.accepted()
			.location(location)
			.header("Idempotent-Replayed", String.valueOf(placement.replayed()))
			.body(OrderView.of(placement.order()));
	}

	@GetMapping("/{id}")
	OrderView get(@PathVariable UUID id) {
		return OrderView.of(orders.get(id));
	}

	@GetMapping
	OrderView.Page list(@RequestParam(required = false) @Size(max = 64) @Pattern(regexp = "[\\w.@:-]+", message = "may contain letters, digits and . _ @ : - only") String customerId,
			@RequestParam(required = false) OrderStatus status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
		OrderPage found = orders.find(new OrderQuery(customerId, status, page, size));
		return new OrderView.Page(found.content().stream().map(OrderView::of).toList(), found.page(), found.size(),
				found.totalElements(), (found.totalElements() + size - 1) / size);
	}

	/** Asks to cancel; a paid order is refunded first, so the answer is 202 and the order CANCELLATION_REQUESTED. */
	@PostMapping("/{id}/cancel")
	ResponseEntity<OrderView> cancel(@PathVariable UUID id) {
		return ResponseEntity.accepted().body(OrderView.of(orders.cancel(id)));
	}

}
