package io.orderflow.systemtest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.orderflow.events.IntegrationEvent;
import io.orderflow.events.order.OrderCancellationRequested;
import io.orderflow.events.order.OrderCancelled;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.order.OrderRejected;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.events.payment.PaymentDeclinedV2;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.events.payment.PaymentRefunded;
import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import io.orderflow.localstack.mail.SmtpServer.ReceivedMail;
import io.orderflow.provider.simulator.Charge;
import io.orderflow.provider.simulator.Ledger;
import io.orderflow.provider.simulator.Refund;
import io.orderflow.testsupport.TopicClient;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * One independent audit of the whole system, from the outside: the three databases, the two event topics, the
 * payment provider's ledger and the mailbox. It trusts none of the services' own answers and reports every
 * violation of the brief's properties at once, each with its order id:
 * <ul>
 * <li>I1 every order answered 2xx exists and reached a terminal state;</li>
 * <li>I2 at most one charge per order at the provider and no more refunds than charges; exactly one email per
 * outcome (by Message-ID); one notification row per outcome; at most one payment effect of each kind on the
 * payment topic;</li>
 * <li>I3 every order's history only moves forward through the state machine of {@code Order};</li>
 * <li>I5 no outbox backlog; the order topic tells each order's history in order and ends with its status; the
 * payment row agrees with the ledger and with the order.</li>
 * </ul>
 * Events delivered twice (same event id) are not violations: consumers absorb them. They are counted.
 */
final class InvariantChecker {

	static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED", "EXPIRED");

	/** The transitions {@code io.orderflow.order.orders.Order} allows, and nothing else. */
	private static final Map<String, Set<String>> FORWARD = Map.of(
			"PENDING", Set.of("CONFIRMED", "REJECTED", "CANCELLATION_REQUESTED", "EXPIRED"),
			"CONFIRMED", Set.of("CANCELLATION_REQUESTED"),
			"CANCELLATION_REQUESTED", Set.of("CANCELLED", "EXPIRED"),
			"REJECTED", Set.of(), "CANCELLED", Set.of(), "EXPIRED", Set.of());

	private static final Map<Class<?>, String> STATUS_ANNOUNCED = Map.of(OrderPlaced.class, "PENDING",
			OrderConfirmed.class, "CONFIRMED", OrderRejected.class, "REJECTED", OrderCancellationRequested.class,
			"CANCELLATION_REQUESTED", OrderCancelled.class, "CANCELLED", OrderExpired.class, "EXPIRED");

	private final LocalStack stack;

	private final TopicClient topics;

	InvariantChecker(LocalStack stack, TopicClient topics) {
		this.stack = stack;
		this.topics = topics;
	}

	/**
	 * Waits (bounded) until every order is terminal and every invariant holds, and answers the last audit: with no
	 * violation when the system came to rest in time, with every violation otherwise.
	 */
	Report awaitAtRest(Collection<String> orderIds, Duration timeout) {
		Set<UUID> ids = orderIds.stream().map(UUID::fromString).collect(Collectors.toCollection(LinkedHashSet::new));
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> notTerminal(ids) == 0);
			Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(5).toNanos()));
			Report[] last = new Report[1];
			try {
				await().atMost(left).pollInterval(Duration.ofSeconds(1)).until(() -> {
					last[0] = check(ids);
					return last[0].violations().isEmpty();
				});
				return last[0];
			}
			catch (ConditionTimeoutException ex) {
				return last[0] != null ? last[0] : check(ids);
			}
		}
		catch (ConditionTimeoutException ex) {
			return check(ids);
		}
	}

	private long notTerminal(Set<UUID> ids) throws SQLException {
		Map<UUID, String> statuses = orderStatuses();
		return ids.stream().filter(id -> !TERMINAL.contains(statuses.get(id))).count();
	}

	/** One audit of the given orders, now. */
	Report check(Set<UUID> ids) {
		try {
			return audit(ids);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the databases", ex);
		}
	}

	private Report audit(Set<UUID> ids) throws SQLException {
		List<String> violations = new ArrayList<>();
		Map<UUID, String> statuses = orderStatuses();
		Map<UUID, List<String>> histories = histories();
		Map<UUID, PaymentRow> payments = payments();
		Map<UUID, List<String>> notificationOutcomes = notifications();
		Map<OrderflowService, Long> backlog = new EnumMap<>(OrderflowService.class);
		for (OrderflowService service : OrderflowService.values()) {
			backlog.put(service, count(service, "select count(*) from outbox_message"));
		}
		EventsOnTopic<OrderEvent> orderEvents = EventsOnTopic.of(topics.events(OrderEvent.CATALOG));
		EventsOnTopic<PaymentEvent> paymentEvents = EventsOnTopic.of(topics.events(PaymentEvent.CATALOG));
		Ledger.Entries ledger = stack.provider().ledger().entries();
		Map<String, List<Charge>> charges = ledger.charges().stream().collect(Collectors.groupingBy(Charge::reference));
		Map<String, List<Refund>> refunds = ledger.refunds().stream().collect(Collectors.groupingBy(Refund::reference));
		Map<String, Long> mailbox = stack.smtp()
			.messages()
			.stream()
			.map(ReceivedMail::messageId)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

		backlog.forEach((service, rows) -> {
			if (rows > 0) {
				violations.add("I5 outbox of " + service.moduleName() + " still holds " + rows + " rows");
			}
		});
		Map<String, Integer> terminalCounts = new TreeMap<>();
		int expiredAndRefunded = 0;
		for (UUID id : ids) {
			String order = id.toString();
			String status = statuses.get(id);
			if (status == null) {
				violations.add("I1 " + order + " was answered 2xx but does not exist");
				continue;
			}
			if (!TERMINAL.contains(status)) {
				violations.add("I1 " + order + " is still " + status);
			}
			terminalCounts.merge(status, 1, Integer::sum);

			// I3: the history only moves forward, and the topic tells the same history in the same order
			List<String> history = histories.getOrDefault(id, List.of());
			checkHistory(order, status, history, violations);
			List<String> announced = orderEvents.of(id).stream().map(e -> STATUS_ANNOUNCED.get(e.getClass())).toList();
			if (!announced.equals(history)) {
				violations.add("I5 " + order + " history " + history + " but " + OrderEvent.TOPIC + " says " + announced);
			}

			// I2: the provider's ledger
			List<Charge> orderCharges = charges.getOrDefault(order, List.of());
			List<Refund> orderRefunds = refunds.getOrDefault(order, List.of());
			List<Charge> succeeded = orderCharges.stream().filter(Charge::succeeded).toList();
			if (orderCharges.size() > 1) {
				violations.add("I2 " + order + " charged " + orderCharges.size() + " times: " + orderCharges);
			}
			if (orderRefunds.size() > succeeded.size()) {
				violations.add("I2 " + order + " has " + orderRefunds.size() + " refunds for " + succeeded.size()
						+ " succeeded charges");
			}
			Set<String> chargeIds = orderCharges.stream().map(Charge::id).collect(Collectors.toSet());
			orderRefunds.stream()
				.filter(refund -> !chargeIds.contains(refund.charge()))
				.forEach(refund -> violations.add("I2 " + order + " refund " + refund.id() + " of a foreign charge"));

			// I5: payment-service's row agrees with the ledger and with the order
			checkPayment(order, status, payments.get(id), orderCharges, succeeded, orderRefunds, violations);
			if ("EXPIRED".equals(status) && !orderRefunds.isEmpty()) {
				expiredAndRefunded++;
			}

			// I2: one payment effect of each kind on the payment topic
			Map<String, Long> effects = paymentEvents.of(id)
				.stream()
				.collect(Collectors.groupingBy(e -> e.getClass().getSimpleName(), Collectors.counting()));
			effects.forEach((type, count) -> {
				if (count > 1) {
					violations.add("I2 " + order + " has " + count + " distinct " + type + " events");
				}
			});
			if (succeeded.isEmpty() && effects.containsKey(PaymentAuthorized.class.getSimpleName())) {
				violations.add("I5 " + order + " PaymentAuthorized on the topic without a succeeded charge");
			}

			// I2: exactly one email per outcome the order went through, none for others
			Set<String> outcomes = history.stream().filter(TERMINAL::contains).collect(Collectors.toCollection(LinkedHashSet::new));
			List<String> notified = notificationOutcomes.getOrDefault(id, List.of());
			if (!new HashSet<>(notified).equals(outcomes) || notified.size() != outcomes.size()) {
				violations.add("I2 " + order + " outcomes " + outcomes + " but notification rows " + notified);
			}
			for (String outcome : TERMINAL) {
				long mails = mailbox.getOrDefault(messageId(order, outcome), 0L);
				long expected = outcomes.contains(outcome) ? 1 : 0;
				if (mails != expected) {
					violations.add("I2 " + order + " got " + mails + " emails " + messageId(order, outcome) + ", expected "
							+ expected);
				}
			}
		}
		return new Report(ids.size(), terminalCounts, expiredAndRefunded, orderEvents.redelivered(ids),
				paymentEvents.redelivered(ids), List.copyOf(violations));
	}

	private static void checkHistory(String order, String status, List<String> history, List<String> violations) {
		if (history.isEmpty() || !history.getFirst().equals("PENDING")) {
			violations.add("I3 " + order + " history does not start PENDING: " + history);
			return;
		}
		for (int i = 1; i < history.size(); i++) {
			if (!FORWARD.get(history.get(i - 1)).contains(history.get(i))) {
				violations.add("I3 " + order + " moved " + history.get(i - 1) + " -> " + history.get(i) + " in " + history);
			}
		}
		if (!history.getLast().equals(status)) {
			violations.add("I3 " + order + " is " + status + " but its history ends " + history.getLast());
		}
	}

	private static void checkPayment(String order, String status, PaymentRow payment, List<Charge> charges,
			List<Charge> succeeded, List<Refund> refunds, List<String> violations) {
		if (payment == null) {
			if (!charges.isEmpty()) {
				violations.add("I5 " + order + " charged at the provider but payment-service has no payment: " + charges);
			}
			if (TERMINAL.contains(status)) {
				violations.add("I5 " + order + " is " + status + " but payment-service has no payment row");
			}
			return;
		}
		boolean agrees = switch (payment.status()) {
			case "AUTHORIZED" -> succeeded.size() == 1 && refunds.isEmpty() && succeeded.getFirst().id().equals(payment.chargeId());
			case "DECLINED" -> succeeded.isEmpty() && charges.size() == 1 && refunds.isEmpty();
			case "REFUNDED" -> succeeded.size() == 1 && refunds.size() == 1 && succeeded.getFirst().id().equals(payment.chargeId())
					&& refunds.getFirst().id().equals(payment.refundId());
			case "VOIDED" -> succeeded.isEmpty() && refunds.isEmpty();
			default -> false;
		};
		if (!agrees) {
			violations.add("I5 " + order + " payment " + payment + " but the ledger has charges " + charges + " refunds " + refunds);
		}
		Set<String> allowed = switch (status) {
			case "CONFIRMED" -> Set.of("AUTHORIZED");
			case "REJECTED" -> Set.of("DECLINED");
			case "CANCELLED", "EXPIRED" -> Set.of("REFUNDED", "DECLINED", "VOIDED");
			default -> Set.of("AUTHORIZED", "DECLINED", "REFUNDED", "VOIDED");
		};
		if (!allowed.contains(payment.status())) {
			violations.add("I5 " + order + " is " + status + " but its payment is " + payment.status());
		}
	}

	static String messageId(String orderId, String outcome) {
		return "<" + orderId + "." + outcome.toLowerCase(Locale.ROOT) + "@orderflow>";
	}

	private Map<UUID, String> orderStatuses() throws SQLException {
		Map<UUID, String> statuses = new HashMap<>();
		query(OrderflowService.ORDER, "select id, status from customer_order",
				rows -> statuses.put(rows.getObject(1, UUID.class), rows.getString(2)));
		return statuses;
	}

	private Map<UUID, List<String>> histories() throws SQLException {
		Map<UUID, List<String>> histories = new HashMap<>();
		query(OrderflowService.ORDER, "select order_id, status from order_status_change order by order_id, seq",
				rows -> histories.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>()).add(rows.getString(2)));
		return histories;
	}

	private Map<UUID, PaymentRow> payments() throws SQLException {
		Map<UUID, PaymentRow> payments = new HashMap<>();
		query(OrderflowService.PAYMENT, "select order_id, status, charge_id, refund_id from payment",
				rows -> payments.put(rows.getObject(1, UUID.class),
						new PaymentRow(rows.getString(2), rows.getString(3), rows.getString(4))));
		return payments;
	}

	private Map<UUID, List<String>> notifications() throws SQLException {
		Map<UUID, List<String>> outcomes = new HashMap<>();
		query(OrderflowService.NOTIFICATION, "select order_id, outcome from notification order by id",
				rows -> outcomes.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>()).add(rows.getString(2)));
		return outcomes;
	}

	private long count(OrderflowService service, String sql) throws SQLException {
		long[] count = new long[1];
		query(service, sql, rows -> count[0] = rows.getLong(1));
		return count[0];
	}

	private void query(OrderflowService service, String sql, RowHandler handler) throws SQLException {
		try (Connection connection = stack.postgres().connect(service.database());
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				handler.handle(rows);
			}
		}
	}

	@FunctionalInterface
	private interface RowHandler {

		void handle(ResultSet rows) throws SQLException;

	}

	record PaymentRow(String status, String chargeId, String refundId) {
	}

	/** A topic's events per order, each event once (in the order of its first delivery), and how many came again. */
	private record EventsOnTopic<E extends IntegrationEvent>(Map<UUID, List<E>> byOrder, Map<UUID, Integer> again) {

		static <E extends IntegrationEvent> EventsOnTopic<E> of(List<E> events) {
			Set<UUID> seen = new HashSet<>();
			Map<UUID, List<E>> byOrder = new HashMap<>();
			Map<UUID, Integer> again = new HashMap<>();
			for (E event : events) {
				if (seen.add(event.eventId())) {
					byOrder.computeIfAbsent(event.orderId(), id -> new ArrayList<>()).add(event);
				}
				else {
					again.merge(event.orderId(), 1, Integer::sum);
				}
			}
			return new EventsOnTopic<>(byOrder, again);
		}

		List<E> of(UUID orderId) {
			return byOrder.getOrDefault(orderId, List.of());
		}

		/** Records of these orders whose event id had been published before. */
		int redelivered(Set<UUID> orderIds) {
			return orderIds.stream().mapToInt(id -> again.getOrDefault(id, 0)).sum();
		}

	}

	/**
	 * The outcome of one audit.
	 * @param redeliveredOrderEvents records of these orders on the order topic whose event id had been published
	 * before (absorbed duplicates)
	 * @param redeliveredPaymentEvents the same on the payment topic
	 */
	record Report(int ordersChecked, Map<String, Integer> statusCounts, int expiredAndRefunded,
			int redeliveredOrderEvents, int redeliveredPaymentEvents, List<String> violations) {

		String summary() {
			Map<String, Integer> counts = new LinkedHashMap<>(statusCounts);
			return "%d orders checked %s (%d expired after a late charge, refunded); duplicate records of these orders on topics: order %d, payment %d (absorbed); %s"
				.formatted(ordersChecked, counts, expiredAndRefunded, redeliveredOrderEvents, redeliveredPaymentEvents,
						violations.isEmpty() ? "I1 I2 I3 I5 held"
								: violations.size() + " VIOLATIONS:\n  " + String.join("\n  ", violations));
		}

	}

}
