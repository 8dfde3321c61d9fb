package io.orderflow.console.status;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

import io.orderflow.console.client.JsonHttp;
import io.orderflow.console.events.Audit;
import io.orderflow.console.events.OrderBoard;
import io.orderflow.console.events.OrderState;
import io.orderflow.console.events.OrderView;
import tools.jackson.databind.JsonNode;

/**
 * After an order's outcome, asks the payment provider's ledger and notification-service
 * what happened to it, and puts the answer on the board: the page then shows "charged
 * once, emailed once" per order. Paced and bounded, so a burst of outcomes never turns
 * into a burst of requests. Only the orders the console placed itself:
 * notification-service shows a customer's notifications to that customer alone, and the
 * console places its orders as one customer.
 */
public final class OrderAudit implements AutoCloseable {

	/**
	 * Time for the email to be sent (and a late charge to be refunded) before the first
	 * look.
	 */
	static final Duration FIRST_LOOK = Duration.ofSeconds(2);

	static final int MAX_LOOKS = 4;

	static final int MAX_QUEUED = 200;

	/** At most this many audits (two GETs each) per second. */
	static final Duration PACE = Duration.ofMillis(200);

	private final DelayQueue<Due> queue = new DelayQueue<>();

	private final JsonHttp http;

	private final URI provider;

	private final ServiceEndpoint notifications;

	private final OrderBoard board;

	private final Thread worker;

	/**
	 * @param http as the customer whose orders the console places
	 */
	public OrderAudit(JsonHttp http, URI provider, ServiceEndpoint notifications, OrderBoard board) {
		this.http = http;
		this.provider = provider;
		this.notifications = notifications;
		this.board = board;
		this.worker = Thread.ofPlatform().daemon().name("console-order-audit").unstarted(this::run);
	}

	public OrderAudit start() {
		worker.start();
		return this;
	}

	/** Called with each order that reached its outcome. */
	public void outcome(OrderView order) {
		if (order.placedHere() && queue.size() < MAX_QUEUED) {
			queue.add(new Due(order.id(), order.state(), System.nanoTime() + FIRST_LOOK.toNanos(), 1));
		}
	}

	private void run() {
		try {
			while (!Thread.currentThread().isInterrupted()) {
				Due due = queue.take();
				Audit audit = audit(due.orderId());
				if (audit != null) {
					board.audited(due.orderId(), audit);
				}
				if (due.look() < MAX_LOOKS && (audit == null || !settled(due.state(), audit))) {
					queue.add(new Due(due.orderId(), due.state(),
							System.nanoTime() + FIRST_LOOK.multipliedBy(2L * due.look()).toNanos(), due.look() + 1));
				}
				Thread.sleep(PACE);
			}
		}
		catch (InterruptedException ex) {
			// closing
		}
	}

	/**
	 * Every outcome gets its email; a cancelled or expired order that was charged gets
	 * its refund.
	 */
	private static boolean settled(OrderState state, Audit audit) {
		boolean refundDue = (state == OrderState.CANCELLED || state == OrderState.EXPIRED)
				&& audit.charges() > audit.refunds();
		return !audit.emails().isEmpty() && !refundDue;
	}

	/**
	 * What the ledger and notification-service say now; {@code null} when either did not
	 * answer.
	 */
	Audit audit(String orderId) {
		String id = URLEncoder.encode(orderId, StandardCharsets.UTF_8);
		JsonHttp.Answer ledger = http.get(provider.resolve("/v1/ledger?reference=" + id));
		JsonHttp.Answer sent = http.get(notifications.resolve("/api/notifications?orderId=" + id));
		if (!ledger.ok() || ledger.json() == null || !sent.ok() || sent.json() == null) {
			return null;
		}
		int charges = 0;
		int declined = 0;
		for (JsonNode charge : ledger.json().path("charges")) {
			if ("succeeded".equals(charge.path("status").asString(""))) {
				charges++;
			}
			else {
				declined++;
			}
		}
		List<Audit.Email> emails = new ArrayList<>();
		for (JsonNode email : sent.json()) {
			// a deferred or undeliverable email is not one the customer got (an older
			// notification-service says no status)
			if ("SENT".equals(email.path("status").asString("SENT"))) {
				emails.add(new Audit.Email(instant(email.path("sentAt").asString(null)),
						email.path("outcome").asString(null)));
			}
		}
		return new Audit(charges, declined, ledger.json().path("refunds").size(), List.copyOf(emails));
	}

	private static Instant instant(String text) {
		try {
			return text == null ? null : Instant.parse(text);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	@Override
	public void close() {
		worker.interrupt();
		try {
			worker.join(TimeUnit.SECONDS.toMillis(5));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private record Due(String orderId, OrderState state, long dueNanos, int look) implements Delayed {

		@Override
		public long getDelay(TimeUnit unit) {
			return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(dueNanos, ((Due) other).dueNanos);
		}

	}

}
