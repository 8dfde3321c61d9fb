package io.orderflow.systemtest;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.localstack.LocalStack;
import io.orderflow.localstack.OrderflowService;
import io.orderflow.mail.simulator.SmtpServer.ReceivedMail;
import io.orderflow.testsupport.TopicClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole choreographed saga across the three services, each a separate process, on one
 * real broker, one PostgreSQL, the provider simulator and a real SMTP server. Every test
 * asserts what a customer and an auditor would see: the order's state, the provider's
 * ledger, the mailbox. The last test audits every order at once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SagaSystemIT {

	private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(30);

	private static LocalStack stack;

	/** Anonymous; each test acts as a customer of its own ({@link Api#as}). */
	private static Api customers;

	private static TopicClient topics;

	@BeforeAll
	static void startSystem() {
		stack = SystemUnderTest.stack();
		customers = new Api(stack);
		topics = new TopicClient(stack.kafkaAdmin());
	}

	@AfterAll
	static void closeClients() {
		topics.close();
	}

	@Test
	@Order(0)
	void everyServiceStartedFromItsTrainedAotCache() {
		for (OrderflowService service : OrderflowService.values()) {
			assertThat(stack.service(service).aotCache()).as(service.moduleName())
				.hasValueSatisfying(cache -> assertThat(cache).isRegularFile().isNotEmptyFile());
		}
	}

	@Test
	@Order(1)
	void approvedCardConfirmsTheOrderChargesOnceAndEmailsOnce() {
		Api api = customers.as("c-confirm");
		Api.Response placed = api.placeOrder(Api.orderBody("pm_card_visa"), null);

		assertThat(placed.status()).isEqualTo(202);
		assertThat(placed.order().status()).isEqualTo("PENDING");
		assertThat(placed.location()).endsWith("/api/orders/" + placed.order().id());
		String id = placed.order().id();
		awaitStatus(api, id, "CONFIRMED");
		await().atMost(SAGA_TIMEOUT).untilAsserted(() -> assertThat(emailsAbout(id)).hasSize(1));

		assertThat(api.payments(id)).singleElement().extracting(Api.Payment::status).isEqualTo("AUTHORIZED");
		assertThat(api.ledger(id).charges()).singleElement().satisfies(charge -> {
			assertThat(charge.status()).isEqualTo("succeeded");
			assertThat(charge.amount()).isEqualByComparingTo("25.00");
		});
		assertThat(api.notifications(id)).singleElement().extracting(Api.Notification::outcome).isEqualTo("CONFIRMED");
		assertThat(emailsAbout(id).getFirst().messageId()).isEqualTo("<" + id + ".confirmed@orderflow>");
		assertThat(api.paymentStatus(id)).satisfies(payment -> {
			assertThat(payment.source()).isEqualTo("LIVE");
			assertThat(payment.status()).isEqualTo("AUTHORIZED");
			assertThat(payment.chargeId()).isEqualTo(api.ledger(id).charges().getFirst().id());
		});
	}

	@Test
	@Order(2)
	void declinedCardRejectsTheOrderAndEmailsOnce() {
		Api api = customers.as("c-decline");
		String id = api.placeOrder(Api.orderBody("pm_card_chargeDeclined"), null).order().id();

		awaitStatus(api, id, "REJECTED");
		await().atMost(SAGA_TIMEOUT).untilAsserted(() -> assertThat(emailsAbout(id)).hasSize(1));
		assertThat(api.ledger(id).charges()).singleElement().extracting(Api.Charge::status).isEqualTo("declined");
		assertThat(api.ledger(id).refunds()).isEmpty();
		assertThat(api.notifications(id)).extracting(Api.Notification::outcome).containsExactly("REJECTED");
	}

	@Test
	@Order(3)
	void cancellingAPaidOrderRefundsItBeforeCancelling() {
		Api api = customers.as("c-cancel");
		String id = api.placeOrder(Api.orderBody("pm_card_visa"), null).order().id();
		awaitStatus(api, id, "CONFIRMED");

		Api.Response cancel = api.cancel(id);

		assertThat(cancel.status()).isEqualTo(202);
		assertThat(cancel.order().status()).isIn("CANCELLATION_REQUESTED", "CANCELLED");
		awaitStatus(api, id, "CANCELLED");
		Api.Ledger ledger = api.ledger(id);
		assertThat(ledger.charges()).hasSize(1);
		assertThat(ledger.refunds()).singleElement().satisfies(refund -> {
			assertThat(refund.charge()).isEqualTo(ledger.charges().getFirst().id());
			assertThat(refund.amount()).isEqualByComparingTo("25.00");
		});
		assertThat(api.payments(id)).singleElement().extracting(Api.Payment::status).isEqualTo("REFUNDED");
		await().atMost(SAGA_TIMEOUT)
			.untilAsserted(() -> assertThat(api.notifications(id)).extracting(Api.Notification::outcome)
				.containsExactly("CONFIRMED", "CANCELLED"));
		assertThat(api.cancel(id).status()).isEqualTo(202);
	}

	@Test
	@Order(4)
	void theSameRequestTwiceUnderOneIdempotencyKeyPlacesOneOrder() {
		Api api = customers.as("c-idempotent");
		String key = UUID.randomUUID().toString();
		String body = Api.orderBody("pm_card_visa");

		Api.Response first = api.placeOrder(body, key);
		Api.Response second = api.placeOrder(body, key);
		Api.Response otherBody = api.placeOrder(Api.orderBody("pm_card_mastercard"), key);

		assertThat(second.status()).isEqualTo(202);
		assertThat(second.order().id()).isEqualTo(first.order().id());
		assertThat(otherBody.status()).isEqualTo(422);
		assertThat(otherBody.contentType()).startsWith("application/problem+json");
		awaitStatus(api, first.order().id(), "CONFIRMED");
		assertThat(api.orders(0).totalElements()).isEqualTo(1);
		assertThat(api.ledger(first.order().id()).charges()).hasSize(1);
	}

	@Test
	@Order(5)
	void eventsDeliveredTwiceChargeOnceAndEmailOnce() {
		Api api = customers.as("c-redelivered");
		String id = api.placeOrder(Api.orderBody("pm_card_visa"), null).order().id();
		awaitStatus(api, id, "CONFIRMED");
		await().atMost(SAGA_TIMEOUT).untilAsserted(() -> assertThat(emailsAbout(id)).hasSize(1));

		// replay every record of this order as a relay that crashed before deleting its
		// rows would
		List<ConsumerRecord<String, byte[]>> records = topics.readAll(OrderEvent.TOPIC)
			.stream()
			.filter(record -> id.equals(record.key()))
			.toList();
		assertThat(records).hasSizeGreaterThanOrEqualTo(2);
		records.forEach(record -> topics
			.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), record.headers())));
		String marker = customers.as("c-redelivered-marker")
			.placeOrder(Api.orderBody("pm_card_visa"), null)
			.order()
			.id();
		awaitStatus(customers.as("c-redelivered-marker"), marker, "CONFIRMED");
		await().atMost(SAGA_TIMEOUT).untilAsserted(() -> assertThat(emailsAbout(marker)).hasSize(1));

		assertThat(api.ledger(id).charges()).hasSize(1);
		assertThat(emailsAbout(id)).hasSize(1);
		assertThat(api.order(id).status()).isEqualTo("CONFIRMED");
	}

	@Test
	@Order(6)
	void ordersAreAcceptedWhilePaymentServiceIsDownAndALatePaymentOfAnExpiredOrderIsRefunded() {
		Api api = customers.as("c-expired");
		stack.service(OrderflowService.PAYMENT).stop();
		try {
			Api.Response placed = api.placeOrder(Api.orderBody("pm_card_visa"), null);
			assertThat(placed.status()).isEqualTo(202);
			String id = placed.order().id();
			// the read-side query degrades instead of failing: the last state known from
			// events
			assertThat(api.paymentStatus(id)).satisfies(payment -> {
				assertThat(payment.source()).isEqualTo("LAST_KNOWN");
				assertThat(payment.status()).isEqualTo("UNKNOWN");
			});

			await().atMost(SystemUnderTest.SAGA_DEADLINE.plus(SAGA_TIMEOUT))
				.untilAsserted(() -> assertThat(api.order(id).status()).isEqualTo("EXPIRED"));
			assertThat(api.ledger(id).charges()).isEmpty();

			stack.service(OrderflowService.PAYMENT).start().awaitReady(Duration.ofSeconds(90));

			await().atMost(SAGA_TIMEOUT).untilAsserted(() -> {
				Api.Ledger ledger = api.ledger(id);
				assertThat(ledger.charges()).hasSize(1);
				assertThat(ledger.refunds()).hasSize(1);
			});
			// the provider refunds before payment-service records it (no transaction
			// spans the call, ADR 0016)
			await().atMost(SAGA_TIMEOUT)
				.untilAsserted(() -> assertThat(api.payments(id)).singleElement()
					.extracting(Api.Payment::status)
					.isEqualTo("REFUNDED"));
			assertThat(api.order(id).status()).isEqualTo("EXPIRED");
			await().atMost(SAGA_TIMEOUT)
				.untilAsserted(() -> assertThat(api.notifications(id)).extracting(Api.Notification::outcome)
					.containsExactly("EXPIRED"));
		}
		finally {
			if (!stack.service(OrderflowService.PAYMENT).isAlive()) {
				stack.service(OrderflowService.PAYMENT).start().awaitReady(Duration.ofSeconds(90));
			}
		}
	}

	/**
	 * Properties I1, I2 and I5 (docs/architecture.md) over every order the tests placed,
	 * audited from the outside.
	 */
	@Test
	@Order(100)
	void atRestEveryOrderIsTerminalChargedAtMostOnceEmailedOncePerOutcomeAndNoOutboxBacklogRemains() {
		List<Api.Order> all = allOrders().values().stream().flatMap(List::stream).toList();
		assertThat(all).hasSizeGreaterThanOrEqualTo(6);
		await().atMost(SAGA_TIMEOUT.plus(SystemUnderTest.SAGA_DEADLINE))
			.untilAsserted(() -> assertThat(allOrders().values().stream().flatMap(List::stream))
				.allSatisfy(order -> assertThat(order.status()).isIn("CONFIRMED", "REJECTED", "CANCELLED", "EXPIRED")));

		await().atMost(SAGA_TIMEOUT).untilAsserted(() -> {
			for (Map.Entry<Api, List<Api.Order>> customer : allOrders().entrySet()) {
				Api api = customer.getKey();
				for (Api.Order order : customer.getValue()) {
					Api.Ledger ledger = api.ledger(order.id());
					long succeeded = ledger.charges().stream().filter(c -> c.status().equals("succeeded")).count();
					assertThat(ledger.charges()).as("charges of %s", order.id()).hasSizeLessThanOrEqualTo(1);
					switch (order.status()) {
						case "CONFIRMED" -> {
							assertThat(succeeded).isEqualTo(1);
							assertThat(ledger.refunds()).isEmpty();
						}
						case "REJECTED" -> assertThat(succeeded).isZero();
						case "CANCELLED", "EXPIRED" -> assertThat(ledger.refunds()).hasSize((int) succeeded);
						default -> throw new AssertionError("Not terminal: " + order);
					}
					List<String> outcomes = api.notifications(order.id())
						.stream()
						.map(Api.Notification::outcome)
						.toList();
					assertThat(outcomes).as("emails about %s", order.id())
						.doesNotHaveDuplicates()
						.contains(order.status());
					assertThat(emailsAbout(order.id())).hasSize(outcomes.size());
				}
			}
			for (OrderflowService service : OrderflowService.values()) {
				assertThat(outboxBacklog(service)).as("outbox of %s", service).isZero();
			}
		});
	}

	private static void awaitStatus(Api api, String id, String status) {
		await().atMost(SAGA_TIMEOUT).untilAsserted(() -> assertThat(api.order(id).status()).isEqualTo(status));
	}

	private static List<ReceivedMail> emailsAbout(String orderId) {
		return stack.smtp().messages().stream().filter(mail -> mail.subject().contains(orderId)).toList();
	}

	/**
	 * Every order the tests placed, by the customer who placed it: only a customer reads
	 * its orders.
	 */
	private static Map<Api, List<Api.Order>> allOrders() {
		Map<Api, List<Api.Order>> byCustomer = new LinkedHashMap<>();
		for (Api api : customers.customers()) {
			List<Api.Order> orders = new ArrayList<>();
			Api.OrderPage page;
			int number = 0;
			do {
				page = api.orders(number++);
				orders.addAll(page.content());
			}
			while (number < page.totalPages());
			byCustomer.put(api, orders);
		}
		return byCustomer;
	}

	private static long outboxBacklog(OrderflowService service) throws SQLException {
		try (Connection connection = stack.postgres().connect(service.database());
				ResultSet rows = connection.createStatement().executeQuery("select count(*) from outbox_message")) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
