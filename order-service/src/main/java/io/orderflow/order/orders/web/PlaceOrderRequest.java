package io.orderflow.order.orders.web;

import java.math.BigDecimal;
import java.util.List;

import io.orderflow.order.orders.OrderLine;
import io.orderflow.order.orders.PlaceOrder;
import io.orderflow.security.customer.Customer;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/orders}. Amounts are decimals, never binary floating
 * point.
 */
public record PlaceOrderRequest(
		// the customer and the email are the bearer token's (I10): a client that still
		// names them learns so instead of seeing them ignored
		@Schema(hidden = true) @Null(message = "comes from the bearer token; do not send it") Object customerId,
		@Schema(hidden = true) @Null(message = "comes from the bearer token; do not send it") Object customerEmail,
		@NotBlank @KnownCurrency String currency,
		@NotBlank @Size(max = 64) @Pattern(regexp = "\\w+",
				message = "must be a payment method token such as pm_card_visa") String paymentMethod,
		@NotEmpty(message = "must contain at least one line") @Size(max = 100) List<@NotNull @Valid Line> lines) {

	/** One line of the order. */
	public record Line(
			@NotBlank @Size(max = 64) @Pattern(regexp = "[\\w.-]+",
					message = "may contain letters, digits and . _ - only") String sku,
			@NotNull @Min(1) @Max(1000) Integer quantity,
			@NotNull @DecimalMin("0.01") @Digits(integer = 9, fraction = 2) BigDecimal unitPrice) {
	}

	PlaceOrder toCommand(Customer customer) {
		return new PlaceOrder(customer.id(), customer.email(), currency, paymentMethod,
				lines.stream().map(line -> new OrderLine(line.sku(), line.quantity(), line.unitPrice())).toList());
	}

}
