package io.orderflow.benchmark;

/**
 * The realistic mix of orders, deterministic by order index so that every run offers the
 * same work.
 */
enum OrderMix {

	/** Approved card, left alone: ends in OrderConfirmed. */
	APPROVED("pm_card_visa", false),

	/** The provider declines: ends in OrderRejected. */
	DECLINED("pm_card_chargeDeclined", false),

	/**
	 * Approved card, cancelled right after the 202: ends in OrderCancelled (with a refund
	 * when it was charged).
	 */
	CANCELLED("pm_card_visa", true);

	final String paymentMethod;

	final boolean cancel;

	OrderMix(String paymentMethod, boolean cancel) {
		this.paymentMethod = paymentMethod;
		this.cancel = cancel;
	}

	/**
	 * A returning population of customers, as a shop has, not a new one per order (the
	 * SMTP server keeps a mailbox per address, and a new mailbox per email would measure
	 * the mail server's bookkeeping instead of orderflow); a handful, whose tokens are
	 * fetched before the load, so that the identity provider is not measured.
	 */
	static final int CUSTOMERS = 10;

	static OrderMix of(long index) {
		return switch ((int) (index % 10)) {
			case 3 -> DECLINED;
			case 7 -> CANCELLED;
			default -> APPROVED;
		};
	}

	/** The customer and its email come from the token. */
	static String body(OrderMix mix) {
		return """
				{"currency":"EUR","paymentMethod":"%s",\
				"lines":[{"sku":"BOOK-1","quantity":2,"unitPrice":12.50}]}""".formatted(mix.paymentMethod);
	}

}
