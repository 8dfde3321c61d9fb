package io.orderflow.notification.notifications.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.notification.notifications.Notification;
import io.orderflow.notification.notifications.NotificationService;
import io.orderflow.notification.notifications.Outcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Read side: the emails sent about an order. */
@Tag(name = "Notifications", description = "Read side: the emails sent to customers")
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

	private final NotificationService notifications;

	NotificationController(NotificationService notifications) {
		this.notifications = notifications;
	}

	@Operation(summary = "Emails about an order",
			description = "A JSON array of the emails sent about the order, at most one per outcome; empty until the first is sent.")
	@Parameter(name = "orderId", description = "The order id (from order-service)")
	@ApiResponse(responseCode = "200", description = "The emails sent, oldest first")
	@ApiResponse(responseCode = "400", description = "orderId is missing or not a UUID")
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
