package io.orderflow.notification.notifications.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.notification.notifications.Notification;
import io.orderflow.notification.notifications.NotificationService;
import io.orderflow.notification.notifications.Outcome;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read side: the emails sent about an order. */
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

	private final NotificationService notifications;

	NotificationController(NotificationService notifications) {
		this.notifications = notifications;
	}

	@GetMapping
	List<NotificationView> byOrder(@RequestParam UUID orderId) {
		return notifications.sentFor(orderId).stream().map(NotificationView::of).toList();
	}

	/** An email as clients see it. */
	record NotificationView(UUID orderId, Outcome outcome, String recipient, String subject, String messageId,
			Instant sentAt) {

		static NotificationView of(Notification n) {
			return new NotificationView(n.orderId(), n.outcome(), n.recipient(), n.subject(), n.messageId(), n.sentAt());
		}

	}

}
