package io.orderflow.notification.notifications;

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
class NotificationApiIT extends NotificationServiceIntegrationTestBase
		implements ReadByOrderIdApiContract, ResourceServerContract {

	@Override
	public String collectionPath() {
		return "/api/notifications";
	}

	@Override
	public String customerApiRequest() {
		return collectionPath() + "?orderId=" + UUID.randomUUID();
	}

	@Override
	public String audience() {
		return "notification-service";
	}

	@Test
	void notificationsOfAnOrderNeverSeenAreAnEmptyArray() {
		assertAnOrderNeverSeenIsAnEmptyArray();
	}

	/** An order of {@link #customer}'s, once its email shows to that customer. */
	@Override
	public String customerApiRequestOfAPlacedOrder() {
		UUID orderId = placedOrder();
		publish(confirmed(orderId));
		await().atMost(Duration.ofSeconds(30)).until(() -> notificationsOf(orderId).size() == 1);
		return collectionPath() + "?orderId=" + orderId;
	}

}
