package io.orderflow.notification.notifications.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.orderflow.notification.notifications.Notification;
import io.orderflow.notification.notifications.NotificationRecord;
import io.orderflow.notification.notifications.NotificationService;
import io.orderflow.notification.notifications.NotificationStatus;
import io.orderflow.notification.notifications.Outcome;
import io.orderflow.security.customer.Customer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read side: the emails about an order, sent or not yet. A customer sees the emails about
 * their own orders only; someone else's order answers as one never seen, so that order
 * ids cannot be probed (ADR 0022).
 */
@Tag(name = "Notifications", description = "Read side: the emails to customers")
@RestController
@RequestMapping("/api/notifications")
class NotificationController {

	private final NotificationService notifications;

	NotificationController(NotificationService notifications) {
		this.notifications = notifications;
	}

	@Operation(summary = "Emails about an order",
			description = "A JSON array of the emails about the order, at most one per outcome, oldest first; empty until "
					+ "the first outcome, and for an order of another customer. Each has a status: SENT (the mail server accepted it), DEFERRED (the server "
					+ "refused the recipient for now, or an earlier email of the order waits: it is sent again at "
					+ "nextAttemptAt) or UNDELIVERABLE (refused for good or for longer than the retry budget: its event "
					+ "is dead-lettered, and replaying it tries again). An email not sent carries the server's last reply.")
	@Parameter(name = "orderId", description = "The order id (from order-service)")
	@ApiResponse(responseCode = "200", description = "The emails, oldest first")
	@ApiResponse(responseCode = "400", description = "orderId is missing or not a UUID")
	@ApiResponse(responseCode = "401", description = "No valid customer's access token")
	@ApiResponse(responseCode = "403", description = "The token does not grant the customer API")
	@GetMapping
	List<NotificationView> byOrder(@RequestParam UUID orderId, @Parameter(hidden = true) Customer customer) {
		return notifications.about(orderId, customer.id()).stream().map(NotificationView::of).toList();
	}

	/** An email as clients see it. */
	record NotificationView(UUID orderId, Outcome outcome, String recipient, String subject, String messageId,
			@Schema(description = "When the mail server accepted the email; null until then") @Nullable Instant sentAt,
			@Schema(description = "SENT, DEFERRED or UNDELIVERABLE") NotificationStatus status,
			@Schema(description = "How often the mail server answered about the email; an outage of the server is no "
					+ "answer and does not count") int attempts,
			@Schema(description = "When a DEFERRED email is sent again; null otherwise") @Nullable Instant nextAttemptAt,
			@Schema(description = "The mail server's last refusal (reply code and text) of an email not sent; null "
					+ "once sent, and for an email that has only waited behind an earlier one") @Nullable String lastReply) {

		static NotificationView of(NotificationRecord n) {
			Notification email = n.email();
			return new NotificationView(email.orderId(), email.outcome(), email.recipient(), email.subject(),
					email.messageId(), n.sentAt(), n.status(), n.attempts(), n.nextAttemptAt(), n.lastReply());
		}

	}

}
