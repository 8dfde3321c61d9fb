package io.orderflow.notification.notifications;

import java.util.List;
import java.util.UUID;

/** What was sent (adapter: {@code persistence.JdbcNotificationRepository}). */
public interface NotificationRepository {

	/** Records the notification; answers false if this order's outcome was already notified. */
	boolean insert(Notification notification);

	List<Notification> findByOrderId(UUID orderId);

}
