package io.orderflow.order.orders.expiry;

import io.orderflow.order.orders.OrderService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Expires sagas that passed their deadline, so no order waits forever for a payment that
 * never comes; a payment that does come later is refunded by payment-service when it
 * reads {@code OrderExpired}.
 */
@Component
class OrderExpiryJob {

	private static final Logger log = LoggerFactory.getLogger(OrderExpiryJob.class);

	private static final int BATCH = 100;

	private final OrderService orders;

	OrderExpiryJob(OrderService orders) {
		this.orders = orders;
	}

	@Scheduled(fixedDelayString = "${orderflow.saga.expiry-check-interval:1s}")
	void expireOverdueOrders() {
		int expired;
		do {
			expired = orders.expireOverdue(BATCH);
			if (expired > 0) {
				log.info("Expired {} order(s) past their deadline", expired);
			}
		}
		while (expired == BATCH);
	}

}
