package io.orderflow.systemtest;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
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
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import io.orderflow.mail.simulator.RecipientPolicy;
import io.orderflow.mail.simulator.SmtpServer.ReceivedMail;
import io.orderflow.messaging.consumer.ConsumerFailures;
import io.orderflow.messaging.consumer.DeadLetterTopics;
import io.orderflow.provider.simulator.Charge;
import io.orderflow.provider.simulator.Ledger;
import io.orderflow.provider.simulator.Refund;
import io.orderflow.testsupport.TopicClient;
import org.awaitility.core.ConditionTimeoutException;

import static org.awaitility.Awaitility.await;

/**
 * One independent audit of the whole system, from the outside: the three databases, the
 * two event topics, the payment provider's ledger and the mailbox. It trusts none of the
 * services' own answers and reports every violation of the brief's properties at once,
 * each with its order id:
 * <ul>
 * <li>I1 (docs/architecture.md) every order answered 2xx exists and reached a terminal
 * state;</li>
 * <li>I2 at most one charge per order at the provider and no more refunds than charges;
 * exactly one email per outcome (by Message-ID) and one notification row per outcome,
 * SENT; at most one payment effect of each kind on the payment topic;</li>
 * <li>I6 an email the mail server refuses (a greylisted recipient past its retry budget,
 * a recipient that does not exist) is not sent and its outcome is a dead letter of
 * notification-service with its reason;</li>
 * <li>I3 every order's history only moves forward through the state machine of
 * {@code Order};</li>
 * <li>I5 no outbox backlog; the order topic tells each order's history in order and ends
 * with its status; the payment row agrees with the ledger and with the order, and no
 * payment is still {@code PENDING};</li>
 * <li>I9 money reconciles: every succeeded charge in the provider's ledger belongs to an
 * order, and to a {@code CONFIRMED} one or is refunded in full; every {@code CONFIRMED}
 * order has exactly one charge, not refunded; no customer was told "nothing was charged"
 * about an order with a charge. Checked over these orders and over the whole ledger
 * (every order it names that has ended).</li>
 * </ul>
 * Events delivered twice (same event id) are not violations: consumers absorb them. They
 * are counted.
 */
final class InvariantChecker {

	static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED", "EXPIRED");

	/**
	 * The transitions {@code io.orderflow.order.orders.Order} allows, and nothing else.
	 */
	private static final Map<String, Set<String>> FORWARD = Map.of("PENDING",
			Set.of("CONFIRMED", "REJECTED", "CANCELLATION_REQUESTED", "EXPIRED"), "CONFIRMED",
			Set.of("CANCELLATION_REQUESTED"), "CANCELLATION_REQUESTED", Set.of("CANCELLED", "EXPIRED"), "REJECTED",
			Set.of(), "CANCELLED", Set.of(), "EXPIRED", Set.of());

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
	 * Waits (bounded) until every order is terminal and every invariant holds, and
	 * answers the last audit: with no violation when the system came to rest in time,
	 * with every violation otherwise.
	 */
	Report awaitAtRest(Collection<String> orderIds, Duration timeout) {
		return awaitAtRest(orderIds, timeout, 0);
	}

	/**
	 * As {@link #awaitAtRest(Collection, Duration)}, accepting up to
	 * {@code repeatedEmailsAllowed} emails sent a second time under the same Message-ID.
	 * SMTP has no idempotency: an email the mail server accepted just before
	 * notification-service was killed, before the transaction recording it committed, is
	 * sent again after the restart (docs/faults.md, fault 2). At most one per send in
	 * flight at the kill; mail clients fold them by Message-ID. Any other repeat, or one
	 * more, is a violation.
	 */
	Report awaitAtRest(Collection<String> orderIds, Duration timeout, int repeatedEmailsAllowed) {
		Set<UUID> ids = orderIds.stream().map(UUID::fromString).collect(Collectors.toCollection(LinkedHashSet::new));
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> notTerminal(ids) == 0);
			Duration left = Duration.ofNanos(Math.max(deadline - System.nanoTime(), Duration.ofSeconds(5).toNanos()));
			Report[] last = new Report[1];
			try {
				await().atMost(left).pollInterval(Duration.ofSeconds(1)).until(() -> {
					last[0] = check(ids, repeatedEmailsAllowed);
					return last[0].violations().isEmpty();
				});
				return last[0];
			}
			catch (ConditionTimeoutException ex) {
				return last[0] != null ? last[0] : check(ids, repeatedEmailsAllowed);
			}
		}
		catch (ConditionTimeoutException ex) {
			return check(ids, repeatedEmailsAllowed);
		}
	}

	/**
	 * Waits (bounded) until every order is in a terminal state, without auditing the rest
	 * (payments, emails): for a test that asks how soon the saga ended, before the system
	 * is at rest.
	 * @return whether every order was terminal within the timeout
	 */
	boolean awaitTerminal(Collection<String> orderIds, Duration timeout) {
		Set<UUID> ids = orderIds.stream().map(UUID::fromString).collect(Collectors.toSet());
		try {
			await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> notTerminal(ids) == 0);
			return true;
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	private long notTerminal(Set<UUID> ids) throws SQLException {
		Map<UUID, String> statuses = orderStatuses();
		return ids.stream().filter(id -> !TERMINAL.contains(statuses.get(id))).count();
	}

	/** One audit of the given orders, now. */
	Report check(Set<UUID> ids) {
		return check(ids, 0);
	}

	private Report check(Set<UUID> ids, int repeatedEmailsAllowed) {
		try {
			return audit(ids, repeatedEmailsAllowed);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the databases", ex);
		}
	}

	private Report audit(Set<UUID> ids, int repeatedEmailsAllowed) throws SQLException {
		List<String> violations = new ArrayList<>();
		List<String> repeatedEmails = new ArrayList<>();
		Map<UUID, String> statuses = orderStatuses();
		Map<UUID, List<String>> histories = histories();
		Map<UUID, PaymentRow> payments = payments();
		Map<UUID, Map<String, String>> notificationOutcomes = notifications();
		Map<UUID, String> emails = customerEmails();
		MailDeadLetters mailDeadLetters = MailDeadLetters.read(topics);
		Map<OrderflowService, Long> backlog = new EnumMap<>(OrderflowService.class);
		for (OrderflowService service : OrderflowService.values()) {
			backlog.put(service, count(service, "select count(*) from outbox_message"));
		}
		EventsOnTopic<OrderEvent> orderEvents = EventsOnTopic.of(topics.events(OrderEvent.CATALOG));
		EventsOnTopic<PaymentEvent> paymentEvents = EventsOnTopic.of(topics.events(PaymentEvent.CATALOG));
		Ledger.Entries ledger = stack.provider().ledger().entries();
		Map<String, List<Charge>> charges = ledger.charges().stream().collect(Collectors.groupingBy(Charge::reference));
		Map<String, List<Refund>> refunds = ledger.refunds().stream().collect(Collectors.groupingBy(Refund::reference));
		List<ReceivedMail> received = stack.smtp().messages();
		Map<String, Long> mailbox = received.stream()
			.map(ReceivedMail::messageId)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		Map<String, List<ReceivedMail>> mailsByOrder = received.stream()
			.filter(mail -> orderOfMessageId(mail.messageId()) != null)
			.collect(Collectors.groupingBy(mail -> orderOfMessageId(mail.messageId())));

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

			// I3: the history only moves forward, and the topic tells the same history in
			// the same order
			List<String> history = histories.getOrDefault(id, List.of());
			checkHistory(order, status, history, violations);
			List<String> announced = orderEvents.of(id).stream().map(e -> STATUS_ANNOUNCED.get(e.getClass())).toList();
			if (!announced.equals(history)) {
				violations
					.add("I5 " + order + " history " + history + " but " + OrderEvent.TOPIC + " says " + announced);
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

			// I9: money reconciles for this order
			checkMoney(order, status, orderCharges, orderRefunds, mailsByOrder.getOrDefault(order, List.of()),
					violations);

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

			// I2: exactly one email per outcome the order went through, none for others;
			// a recipient the mail server
			// refuses gets none, and each of its outcomes is a dead letter with the
			// reason instead
			Set<String> outcomes = history.stream()
				.filter(TERMINAL::contains)
				.collect(Collectors.toCollection(LinkedHashSet::new));
			Recipient recipient = Recipient.of(emails.get(id));
			Map<String, String> notified = notificationOutcomes.getOrDefault(id, Map.of());
			Map<String, String> expectedRows = new TreeMap<>();
			outcomes.stream()
				.filter(outcome -> recipient.rowStatus() != null)
				.forEach(outcome -> expectedRows.put(outcome, recipient.rowStatus()));
			if (!new TreeMap<>(notified).equals(expectedRows)) {
				violations.add("I2 " + order + " outcomes " + outcomes + " to a " + recipient + " recipient: expected "
						+ "notification rows " + expectedRows + " but found " + notified);
			}
			for (String outcome : TERMINAL) {
				long mails = mailbox.getOrDefault(messageId(order, outcome), 0L);
				long expected = outcomes.contains(outcome) && recipient == Recipient.ACCEPTED ? 1 : 0;
				if (expected == 1 && mails == 2) {
					repeatedEmails.add(messageId(order, outcome));
				}
				else if (mails != expected) {
					violations.add("I2 " + order + " got " + mails + " emails " + messageId(order, outcome)
							+ ", expected " + expected);
				}
				if (outcomes.contains(outcome) && recipient != Recipient.ACCEPTED
						&& !mailDeadLetters.has(id, outcome)) {
					violations.add("I6 " + order + " email about " + outcome + " to a " + recipient
							+ " recipient is not a dead letter with its reason");
				}
			}
		}
		checkWholeLedger(ids, statuses, charges, refunds, mailsByOrder, violations);
		if (repeatedEmails.size() > repeatedEmailsAllowed) {
			repeatedEmails.forEach(id -> violations.add("I2 email " + id + " was sent twice"));
		}
		return new Report(ids.size(), terminalCounts, expiredAndRefunded, orderEvents.redelivered(ids),
				paymentEvents.redelivered(ids), repeatedEmails.size(), List.copyOf(violations));
	}

	/** The customer is told this only when the provider holds no charge for the order. */
	static final String NOTHING_CHARGED = "Nothing was charged";

	/**
	 * I9 for one order that has ended: a CONFIRMED order has exactly one succeeded
	 * charge, not refunded; any other ended order has every succeeded charge refunded in
	 * full; and nobody was told nothing was charged when something was.
	 */
	private static void checkMoney(String order, String status, List<Charge> charges, List<Refund> refunds,
			List<ReceivedMail> mails, List<String> violations) {
		if (!TERMINAL.contains(status)) {
			return;
		}
		List<Charge> succeeded = charges.stream().filter(Charge::succeeded).toList();
		if ("CONFIRMED".equals(status)) {
			if (succeeded.size() != 1 || !refunds.isEmpty()) {
				violations.add("I9 " + order + " is CONFIRMED with " + succeeded.size() + " succeeded charges and "
						+ refunds.size() + " refunds, expected exactly one charge kept: " + charges + " " + refunds);
			}
		}
		else {
			for (Charge charge : succeeded) {
				BigDecimal refunded = refunds.stream()
					.filter(refund -> refund.charge().equals(charge.id()))
					.map(Refund::amount)
					.reduce(BigDecimal.ZERO, BigDecimal::add);
				if (refunded.compareTo(charge.amount()) != 0) {
					violations.add("I9 " + order + " is " + status + " but keeps " + charge.amount().subtract(refunded)
							+ " " + charge.currency() + " of charge " + charge.id() + " (refunded " + refunded + ")");
				}
			}
		}
		if (!succeeded.isEmpty()) {
			mails.stream()
				.filter(mail -> mail.body().contains(NOTHING_CHARGED))
				.forEach(mail -> violations.add("I9 " + order + " was charged " + succeeded.getFirst().id()
						+ " but email " + mail.messageId() + " says \"" + NOTHING_CHARGED + "\""));
		}
	}

	/**
	 * I9 beyond the audited orders: every succeeded charge the provider holds names an
	 * order, and every order the ledger names that has ended (in this audit or an earlier
	 * one) reconciles.
	 */
	private static void checkWholeLedger(Set<UUID> audited, Map<UUID, String> statuses,
			Map<String, List<Charge>> charges, Map<String, List<Refund>> refunds,
			Map<String, List<ReceivedMail>> mailsByOrder, List<String> violations) {
		charges.forEach((reference, referenceCharges) -> {
			UUID order = parseUuid(reference);
			if (order != null && audited.contains(order)) {
				return;
			}
			String status = order == null ? null : statuses.get(order);
			if (status == null) {
				referenceCharges.stream()
					.filter(Charge::succeeded)
					.forEach(charge -> violations.add("I9 charge " + charge.id() + " at the provider names " + reference
							+ ", which is no order"));
				return;
			}
			checkMoney(reference, status, referenceCharges, refunds.getOrDefault(reference, List.of()),
					mailsByOrder.getOrDefault(reference, List.of()), violations);
		});
	}

	private static UUID parseUuid(String value) {
		try {
			return UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * The order id in a Message-ID {@code <orderId.outcome@orderflow>}, or null for
	 * another message.
	 */
	static String orderOfMessageId(String messageId) {
		if (messageId == null || !messageId.startsWith("<") || !messageId.endsWith("@orderflow>")) {
			return null;
		}
		int dot = messageId.indexOf('.');
		return dot < 0 ? null : messageId.substring(1, dot);
	}

	private static void checkHistory(String order, String status, List<String> history, List<String> violations) {
		if (history.isEmpty() || !history.getFirst().equals("PENDING")) {
			violations.add("I3 " + order + " history does not start PENDING: " + history);
			return;
		}
		for (int i = 1; i < history.size(); i++) {
			if (!FORWARD.get(history.get(i - 1)).contains(history.get(i))) {
				violations
					.add("I3 " + order + " moved " + history.get(i - 1) + " -> " + history.get(i) + " in " + history);
			}
		}
		if (!history.getLast().equals(status)) {
			violations.add("I3 " + order + " is " + status + " but its history ends " + history.getLast());
		}
	}

	private static void checkPayment(String order, String status, PaymentRow payment, List<Charge> charges,
			List<Charge> succeeded, List<Refund> refunds, List<String> violations) {
		if (payment != null && "PENDING".equals(payment.status()) && TERMINAL.contains(status)) {
			violations.add("I5 " + order + " is " + status + " but its payment is still PENDING: " + payment);
			return;
		}
		if (payment == null) {
			if (!charges.isEmpty()) {
				violations
					.add("I5 " + order + " charged at the provider but payment-service has no payment: " + charges);
			}
			if (TERMINAL.contains(status)) {
				violations.add("I5 " + order + " is " + status + " but payment-service has no payment row");
			}
			return;
		}
		boolean agrees = switch (payment.status()) {
			case "AUTHORIZED" ->
				succeeded.size() == 1 && refunds.isEmpty() && succeeded.getFirst().id().equals(payment.chargeId());
			case "DECLINED" -> succeeded.isEmpty() && !charges.isEmpty() && refunds.isEmpty();
			case "REFUNDED" ->
				succeeded.size() == 1 && refunds.size() == 1 && succeeded.getFirst().id().equals(payment.chargeId())
						&& refunds.getFirst().id().equals(payment.refundId());
			case "VOIDED" -> succeeded.isEmpty() && refunds.isEmpty();
			default -> false;
		};
		if (!agrees) {
			violations.add("I5 " + order + " payment " + payment + " but the ledger has charges " + charges
					+ " refunds " + refunds);
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
				rows -> histories.computeIfAbsent(rows.getObject(1, UUID.class), id -> new ArrayList<>())
					.add(rows.getString(2)));
		return histories;
	}

	private Map<UUID, PaymentRow> payments() throws SQLException {
		Map<UUID, PaymentRow> payments = new HashMap<>();
		query(OrderflowService.PAYMENT, "select order_id, status, charge_id, refund_id from payment",
				rows -> payments.put(rows.getObject(1, UUID.class),
						new PaymentRow(rows.getString(2), rows.getString(3), rows.getString(4))));
		return payments;
	}

	/**
	 * Per order, each notified outcome and the status of its email (SENT, DEFERRED,
	 * UNDELIVERABLE).
	 */
	private Map<UUID, Map<String, String>> notifications() throws SQLException {
		Map<UUID, Map<String, String>> outcomes = new HashMap<>();
		query(OrderflowService.NOTIFICATION, "select order_id, outcome, status from notification order by id",
				rows -> outcomes.computeIfAbsent(rows.getObject(1, UUID.class), id -> new TreeMap<>())
					.merge(rows.getString(2), rows.getString(3), (first, again) -> first + "," + again));
		return outcomes;
	}

	/**
	 * The longest time any of these orders waited for an email, from the order's last
	 * change (its outcome) to the moment the mail server accepted the email (both clocks
	 * are this machine's).
	 */
	Duration slowestEmail(Collection<String> orderIds) {
		Set<UUID> ids = orderIds.stream().map(UUID::fromString).collect(Collectors.toSet());
		try {
			Map<UUID, Instant> decided = new HashMap<>();
			query(OrderflowService.ORDER, "select id, updated_at from customer_order",
					rows -> decided.put(rows.getObject(1, UUID.class), rows.getTimestamp(2).toInstant()));
			Duration[] slowest = { Duration.ZERO };
			query(OrderflowService.NOTIFICATION, "select order_id, sent_at from notification where status = 'SENT'",
					rows -> {
						UUID order = rows.getObject(1, UUID.class);
						if (ids.contains(order) && decided.containsKey(order)) {
							Duration waited = Duration.between(decided.get(order), rows.getTimestamp(2).toInstant());
							if (waited.compareTo(slowest[0]) > 0) {
								slowest[0] = waited;
							}
						}
					});
			return slowest[0];
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the databases", ex);
		}
	}

	private Map<UUID, String> customerEmails() throws SQLException {
		Map<UUID, String> emails = new HashMap<>();
		query(OrderflowService.ORDER, "select id, customer_email from customer_order",
				rows -> emails.put(rows.getObject(1, UUID.class), rows.getString(2)));
		return emails;
	}

	/**
	 * What the local stack's SMTP server does with a recipient
	 * ({@link RecipientPolicy#defaults()}), and so what notification-service must have
	 * recorded: a greylisted address is refused for now, deferred, and after its retry
	 * budget dead-lettered (its row UNDELIVERABLE); an address of a domain that does not
	 * exist is refused for good and dead-lettered at once (no row).
	 */
	enum Recipient {

		ACCEPTED("SENT"), GREYLISTED("UNDELIVERABLE"), NONEXISTENT(null);

		private final String rowStatus;

		Recipient(String rowStatus) {
			this.rowStatus = rowStatus;
		}

		String rowStatus() {
			return rowStatus;
		}

		static Recipient of(String address) {
			if (address == null) {
				return ACCEPTED;
			}
			if (address.endsWith("@" + RecipientPolicy.GREYLISTED_DOMAIN)) {
				return GREYLISTED;
			}
			return address.endsWith("@" + RecipientPolicy.NONEXISTENT_DOMAIN) ? NONEXISTENT : ACCEPTED;
		}

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * The order events notification-service dead-lettered, by order and outcome, each
	 * with a reason.
	 */
	private record MailDeadLetters(Set<String> orderAndOutcome) {

		static final String TOPIC = DeadLetterTopics.of(OrderEvent.TOPIC, "notification-service");

		static MailDeadLetters read(TopicClient topics) {
			Map<String, String> outcomeOfType = new HashMap<>();
			OrderEvent.CATALOG.entries().forEach((type, eventClass) -> {
				String status = STATUS_ANNOUNCED.get(eventClass);
				if (status != null && TERMINAL.contains(status)) {
					outcomeOfType.put(type, status);
				}
			});
			Set<String> found = new HashSet<>();
			for (var record : topics.readAll(TOPIC)) {
				var type = record.headers().lastHeader("ce_type");
				var reason = record.headers().lastHeader(ConsumerFailures.REASON_HEADER);
				if (record.key() != null && type != null && reason != null && reason.value().length > 0) {
					String outcome = outcomeOfType.get(new String(type.value(), StandardCharsets.UTF_8));
					if (outcome != null) {
						found.add(record.key() + " " + outcome);
					}
				}
			}
			return new MailDeadLetters(found);
		}

		boolean has(UUID order, String outcome) {
			return orderAndOutcome.contains(order + " " + outcome);
		}

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

	/**
	 * A topic's events per order (both families' aggregate is the order), each event once
	 * (in the order of its first delivery), and how many came again.
	 */
	private record EventsOnTopic<E extends IntegrationEvent>(Map<UUID, List<E>> byOrder, Map<UUID, Integer> again) {

		static <E extends IntegrationEvent> EventsOnTopic<E> of(List<E> events) {
			Set<UUID> seen = new HashSet<>();
			Map<UUID, List<E>> byOrder = new HashMap<>();
			Map<UUID, Integer> again = new HashMap<>();
			for (E event : events) {
				if (seen.add(event.eventId())) {
					byOrder.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>()).add(event);
				}
				else {
					again.merge(event.aggregateId(), 1, Integer::sum);
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
	 *
	 * @param redeliveredOrderEvents records of these orders on the order topic whose
	 * event id had been published before (absorbed duplicates)
	 * @param redeliveredPaymentEvents the same on the payment topic
	 * @param repeatedEmails emails sent twice under one Message-ID (accepted only where
	 * the audit allowed them)
	 */
	record Report(int ordersChecked, Map<String, Integer> statusCounts, int expiredAndRefunded,
			int redeliveredOrderEvents, int redeliveredPaymentEvents, int repeatedEmails, List<String> violations) {

		String summary() {
			Map<String, Integer> counts = new LinkedHashMap<>(statusCounts);
			return "%d orders checked %s (%d expired after a late charge, refunded); duplicate records of these orders on topics: order %d, payment %d (absorbed); %s%s"
				.formatted(ordersChecked, counts, expiredAndRefunded, redeliveredOrderEvents, redeliveredPaymentEvents,
						repeatedEmails == 0 ? "" : repeatedEmails + " email(s) sent again under the same Message-ID; ",
						violations.isEmpty() ? "I1 I2 I3 I5 I6 I9 held"
								: violations.size() + " VIOLATIONS:\n  " + String.join("\n  ", violations));
		}

	}

}
