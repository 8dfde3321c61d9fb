package io.orderflow.notification.notifications;

import io.orderflow.testsupport.api.ReadByOrderIdApiContract;
import org.junit.jupiter.api.Test;

/**
 * The read API answers what was sent, and bad queries with RFC 9457 problems rather than
 * errors (the bad-query tests come from {@link ReadByOrderIdApiContract}).
 */
class NotificationApiIT extends NotificationServiceIntegrationTestBase implements ReadByOrderIdApiContract {

	@Override
	public String collectionPath() {
		return "/api/notifications";
	}

	@Test
	void notificationsOfAnOrderNeverSeenAreAnEmptyArray() {
		assertAnOrderNeverSeenIsAnEmptyArray();
	}

}
