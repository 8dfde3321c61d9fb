package io.orderflow.order.orders.web;

import java.net.URI;
import java.util.UUID;

import io.orderflow.order.orders.OrderRepository;
import io.orderflow.order.orders.OrderRepository.OrderPage;
import io.orderflow.order.orders.OrderRepository.OrderQuery;
import io.orderflow.order.orders.OrderRepository.Position;
import io.orderflow.order.orders.OrderService;
import io.orderflow.order.orders.OrderService.Placement;
import io.orderflow.order.orders.OrderStatus;
import io.orderflow.security.customer.Customer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The order API. Placing an order answers {@code 202 Accepted} as soon as the order and
 * its {@code OrderPlaced} event are committed: the client never waits for payment. The
 * OpenAPI annotations document it; every 4xx/5xx they declare is an
 * {@code application/problem+json} problem (see {@code OpenApiConfiguration}).
 */
@Tag(name = "Orders", description = "Place, read, list and cancel orders; payment happens asynchronously")
@RestController
@RequestMapping("/api/orders")
class OrderController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final String BRIEF_ORDER = """
			{"currency":"EUR","paymentMethod":"pm_card_visa","lines":[{"sku":"BOOK-1","quantity":2,"unitPrice":12.50}]}""";

	private static final String DECLINED_ORDER = """
			{"currency":"EUR","paymentMethod":"pm_card_chargeDeclined",\
			"lines":[{"sku":"BOOK-1","quantity":1,"unitPrice":12.50}]}""";

	private final OrderService orders;

	OrderController(OrderService orders) {
		this.orders = orders;
	}

	@Operation(summary = "Place an order", description = """
			Stores the caller's order PENDING with its OrderPlaced event in one transaction and answers at once; the \
			customer and the email the outcome goes to are the bearer token's, never the body's. The payment \
			result arrives asynchronously (CONFIRMED or REJECTED, usually within a second). With an Idempotency-Key, \
			sending the same body again answers the same order with `Idempotent-Replayed: true` and places nothing.""")
	@Parameter(name = IDEMPOTENCY_KEY, in = ParameterIn.HEADER, example = "3f2c8e52-checkout-7781",
			description = "Optional client-chosen key (1-255 printable ASCII characters) that makes retries safe. It is "
					+ "the customer's: another customer's identical key places that customer's own order. It is "
					+ "remembered for 7 days (orderflow.order.idempotency.retention); a request after that is a new one")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json",
			examples = {
					@ExampleObject(name = "order", summary = "Two books paid by card: becomes CONFIRMED",
							value = BRIEF_ORDER),
					@ExampleObject(name = "declined", summary = "A card the provider declines: becomes REJECTED",
							value = DECLINED_ORDER) }))
	@ApiResponse(responseCode = "202", description = "Accepted: the order is stored PENDING (or replayed)",
			headers = {
					@Header(name = "Location", description = "The order's URL",
							schema = @Schema(type = "string", format = "uri")),
					@Header(name = "Idempotent-Replayed",
							description = "true when an earlier request with this Idempotency-Key placed the order",
							schema = @Schema(type = "boolean")) })
	@ApiResponse(responseCode = "400",
			description = "Invalid order or malformed JSON; `errors` names each invalid field")
	@ApiResponse(responseCode = "413", description = "Body larger than the limit (64 KB)")
	@ApiResponse(responseCode = "415", description = "Content-Type is not application/json")
	@ApiResponse(responseCode = "422",
			description = "The customer already used the Idempotency-Key with a different body")
	@ApiResponse(responseCode = "503",
			description = "Database unavailable: nothing stored; retry with the same Idempotency-Key",
			headers = @Header(name = "Retry-After", description = "Seconds to wait",
					schema = @Schema(type = "integer")))
	@PostMapping
	ResponseEntity<OrderView> place(@Valid @RequestBody PlaceOrderRequest request, Customer customer,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Size(min = 1, max = 255) @Pattern(
					regexp = "[\\x21-\\x7e]+",
					message = "must be printable ASCII without spaces") String idempotencyKey) {
		Placement placement = orders.place(request.toCommand(customer), idempotencyKey);
		OrderRequestCorrelation.about(placement.order().id());
		URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/api/orders/{id}")
			.buildAndExpand(placement.order().id())
			.toUri();
		return ResponseEntity.accepted()
			.location(location)
			.header("Idempotent-Replayed", String.valueOf(placement.replayed()))
			.body(OrderView.of(placement.order()));
	}

	@Operation(summary = "Get an order",
			description = "The order with its status, total, lines and history of state changes.")
	@Parameter(name = "id", description = "The order id, as in the Location of POST /api/orders")
	@ApiResponse(responseCode = "200", description = "The order")
	@ApiResponse(responseCode = "400", description = "The id is not a UUID")
	@ApiResponse(responseCode = "404", description = "No order of the caller's with this id")
	@ApiResponse(responseCode = "503", description = "Database unavailable; retry")
	@GetMapping("/{id}")
	OrderView get(@PathVariable UUID id, Customer customer) {
		return OrderView.of(orders.get(id, customer.id()));
	}

	@Operation(summary = "List orders", description = "A page of the caller's orders, newest first, optionally in one "
			+ "state. Page on by following `next`: pass it as `after` for the page after this one (keyset "
			+ "paging: every page costs the same however deep, and orders placed meanwhile never shift a page). `page` "
			+ "still works within the first " + OrderRepository.COUNT_LIMIT + " orders (`page` × `size` + `size` at "
			+ "most); beyond, follow `next`. `totalElements` counts up to " + OrderRepository.COUNT_LIMIT
			+ " orders: `totalElementsExact` is false when more match, and `totalPages` then counts the pages `page` "
			+ "reaches.")
	@Parameter(name = "status", description = "Only orders in this state", example = "CONFIRMED")
	@Parameter(name = "page",
			description = "Zero-based page number, within the first " + OrderRepository.COUNT_LIMIT
					+ " orders; not with `after`")
	@Parameter(name = "size", description = "Orders per page (1-100)")
	@Parameter(name = "after", description = "The `next` of the previous page, unchanged: the page starts after it")
	@ApiResponse(responseCode = "200", description = "A page of orders")
	@ApiResponse(responseCode = "400",
			description = "A parameter is out of range or of the wrong type, `page` reaches " + "beyond the first "
					+ OrderRepository.COUNT_LIMIT + " orders, `after` is not a `next` this API gave, or "
					+ "both `page` and `after` are given")
	@ApiResponse(responseCode = "503", description = "Database unavailable; retry")
	@GetMapping
	OrderView.Page list(Customer customer, @RequestParam(required = false) OrderStatus status,
			@RequestParam(defaultValue = "0") @Min(0) @Max(OrderRepository.COUNT_LIMIT) int page,
			@RequestParam(defaultValue = "20") @Min(1) @Max(100) int size,
			@RequestParam(required = false) @Size(min = 1, max = OrderCursor.MAX_LENGTH) String after) {
		if (after != null && page != 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Give either 'page' or 'after', not both: 'after' (the 'next' of a page) says where the page starts");
		}
		if ((long) page * size + size > OrderRepository.COUNT_LIMIT) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"'page' " + page + " of size " + size + " reaches beyond the first " + OrderRepository.COUNT_LIMIT
							+ " orders; follow 'next' (pass it as 'after') to page on from there");
		}
		Position position = after == null ? null : OrderCursor.decode(after);
		OrderPage found = orders.find(new OrderQuery(customer.id(), status, position, page * size, size));
		Integer pageNumber = after == null ? page : null;
		return new OrderView.Page(found.content().stream().map(OrderView::of).toList(), pageNumber, size,
				found.totalElements(), found.totalExact(), (found.totalElements() + size - 1) / size,
				found.next() == null ? null : OrderCursor.encode(found.next()));
	}

	/**
	 * Asks to cancel; a paid order is refunded first, so the answer is 202 and the order
	 * CANCELLATION_REQUESTED.
	 */
	@Operation(summary = "Cancel an order", description = """
			Starts the cancellation: the order becomes CANCELLATION_REQUESTED, then CANCELLED once a payment is \
			refunded or voided. Asking again while it is being cancelled, or once cancelled, answers 202 and changes \
			nothing.""")
	@Parameter(name = "id", description = "The order id")
	@ApiResponse(responseCode = "202", description = "Cancellation requested (or already under way or done)")
	@ApiResponse(responseCode = "400", description = "The id is not a UUID")
	@ApiResponse(responseCode = "404", description = "No order of the caller's with this id")
	@ApiResponse(responseCode = "409",
			description = "The order is REJECTED or EXPIRED: its outcome can no longer be cancelled")
	@ApiResponse(responseCode = "503", description = "Database unavailable: nothing changed; retry")
	@PostMapping("/{id}/cancel")
	ResponseEntity<OrderView> cancel(@PathVariable UUID id, Customer customer) {
		return ResponseEntity.accepted().body(OrderView.of(orders.cancel(id, customer.id())));
	}

}
