package io.orderflow.console.events;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * The console's mutable record of one order; only {@link OrderBoard} touches it, under
 * its lock.
 */
final class TrackedOrder {

	/**
	 * An order's saga has a handful of steps; a flood of redeliveries must not grow one
	 * order without bound.
	 */
	static final int MAX_TIMELINE = 40;

	private static final List<String> DETAIL_FIELDS = List.of("reason", "declineCode", "chargeId", "refundId");

	final String id;

	final long firstSeen;

	private final Set<String> eventIds = new HashSet<>();

	private final List<TimelineEntry> timeline = new ArrayList<>();

	private OrderState state;

	private Instant placedAt;

	private Instant outcomeAt;

	private String customerId;

	private BigDecimal total;

	private String currency;

	private String paymentMethod;

	private int duplicates;

	private Audit audit;

	private boolean placedHere;

	TrackedOrder(String id, long firstSeen) {
		this.id = id;
		this.firstSeen = firstSeen;
	}

	/**
	 * Adds an event to the timeline and moves the state forward if it announces a later
	 * one.
	 * @return true when the order reached its outcome with this event
	 */
	boolean apply(ObservedEvent event, EventTypes.Known known, JsonNode json) {
		if (event.eventId() != null && !eventIds.add(event.eventId())) {
			duplicates++;
			return false;
		}
		if (timeline.size() < MAX_TIMELINE) {
			timeline.add(new TimelineEntry(event.time(), known.producer(), known.name(), detail(json)));
		}
		if (known.placed() && placedAt == null) {
			placedAt = event.time();
			customerId = text(json, "customerId");
			currency = text(json, "currency");
			paymentMethod = text(json, "paymentMethod");
			total = json.path("total").isNumber() ? json.path("total").decimalValue() : null;
		}
		OrderState announced = known.announces();
		if (announced == null || (state != null && !announced.isAfter(state))) {
			return false;
		}
		state = announced;
		if (announced.isOutcome() && outcomeAt == null) {
			outcomeAt = event.time();
			return true;
		}
		return false;
	}

	void audited(Audit audit) {
		this.audit = audit;
		for (Audit.Email email : audit.emails()) {
			TimelineEntry entry = new TimelineEntry(email.sentAt(), "notification-service", "Email sent",
					email.outcome());
			if (!timeline.contains(entry) && timeline.size() < MAX_TIMELINE) {
				timeline.add(entry);
			}
		}
	}

	void placedHere() {
		placedHere = true;
	}

	boolean isPlacedHere() {
		return placedHere;
	}

	Long latencyMillis() {
		return placedAt != null && outcomeAt != null ? Duration.between(placedAt, outcomeAt).toMillis() : null;
	}

	Instant outcomeAt() {
		return outcomeAt;
	}

	OrderView view() {
		List<TimelineEntry> steps = new ArrayList<>(timeline);
		steps.sort(Comparator.comparing(TimelineEntry::at, Comparator.nullsLast(Comparator.naturalOrder())));
		return new OrderView(id, state, placedAt, outcomeAt, latencyMillis(), customerId, total, currency,
				paymentMethod, duplicates, List.copyOf(steps), audit, placedHere);
	}

	private static String detail(JsonNode json) {
		if (json == null) {
			return null;
		}
		for (String field : DETAIL_FIELDS) {
			if (json.path(field).isString()) {
				return field + " " + json.path(field).asString();
			}
		}
		if (json.path("refunded").isBoolean()) {
			return json.path("refunded").asBoolean() ? "refunded" : "nothing to refund";
		}
		if (json.path("total").isNumber()) {
			return json.path("total").decimalValue().toPlainString() + " " + json.path("currency").asString("") + ", "
					+ json.path("paymentMethod").asString("");
		}
		return null;
	}

	private static String text(JsonNode json, String field) {
		return json.path(field).isString() ? json.path(field).asString() : null;
	}

}
