package io.orderflow.order.orders.web;

import java.math.BigDecimal;
import java.util.List;

import io.orderflow.order.orders.OrderLine;
import io.orderflow.order.orders.PlaceOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/orders}. Amounts are decimals, never binary floating
 * point.
 */
public record PlaceOrderRequest(
		@NotBlank @Size(max = 64) @Pattern(regexp = "[\\w.@:-]+",
				message = "may contain letters, digits and . _ @ : - only") String customerId,
		@NotBlank @Size(max = 254) @Email(
				regexp = "[^\\s@]+@[^\\s@]+\\.[^\\s@]+", message = "must be an email address") String customerEmail,
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

	PlaceOrder toCommand() {
		return new PlaceOrder(customerId.strip(), customerEmail.strip(), currency, paymentMethod,
				lines.stream().map(line -> new OrderLine(line.sku(), line.quantity(), line.unitPrice())).toList());
	}

}
