package io.orderflow.payment.payments;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import io.orderflow.testsupport.api.ReadByOrderIdApiContract;
import io.orderflow.testsupport.identity.ResourceServerContract;
import org.junit.jupiter.api.Test;

/**
 * The read API answers what it knows, to the customer whose order it is, and bad queries
 * and bad tokens with RFC 9457 problems rather than errors (the bad-query tests come from
 * {@link ReadByOrderIdApiContract}, the token tests from {@link ResourceServerContract}).
 */
class PaymentApiIT extends PaymentServiceIntegrationTestBase
		implements ReadByOrderIdApiContract, ResourceServerContract {

	@Override
	public String collectionPath() {
		return "/api/payments";
	}

	@Override
	public String customerApiRequest() {
		return collectionPath() + "?orderId=" + UUID.randomUUID();
	}

	@Override
	public String audience() {
		return "payment-service";
	}

	@Test
	void paymentsOfAnOrderNeverSeenAreAnEmptyArray() {
		assertAnOrderNeverSeenIsAnEmptyArray();
	}

	/** An order of {@link #customer}'s, once its payment shows to that customer. */
	@Override
	public String customerApiRequestOfAPlacedOrder() {
		UUID orderId = UUID.randomUUID();
		publish(orderPlaced(orderId, "pm_card_visa"));
		await().atMost(Duration.ofSeconds(30)).until(() -> paymentsOf(orderId).size() == 1);
		return collectionPath() + "?orderId=" + orderId;
	}

}
