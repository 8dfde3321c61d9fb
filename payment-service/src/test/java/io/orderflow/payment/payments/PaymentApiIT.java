package io.orderflow.payment.payments;

import io.orderflow.testsupport.api.ReadByOrderIdApiContract;
import org.junit.jupiter.api.Test;

/**
 * The read API answers what it knows, and bad queries with RFC 9457 problems rather than
 * errors (the bad-query tests come from {@link ReadByOrderIdApiContract}).
 */
class PaymentApiIT extends PaymentServiceIntegrationTestBase implements ReadByOrderIdApiContract {

	@Override
	public String collectionPath() {
		return "/api/payments";
	}

	@Test
	void paymentsOfAnOrderNeverSeenAreAnEmptyArray() {
		assertAnOrderNeverSeenIsAnEmptyArray();
	}

}
