package io.orderflow.order.orders.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.orderflow.events.EventCatalog;
import io.orderflow.events.IntegrationEvent;
import io.orderflow.events.order.OrderCancelled;
import io.orderflow.events.order.OrderConfirmed;
import io.orderflow.events.order.OrderRejected;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.events.payment.PaymentDeclinedV2;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.events.payment.PaymentRefunded;
import io.orderflow.events.payment.PaymentVoided;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.consumer.CloudEventDeserializer;
import io.orderflow.messaging.outbox.Outbox;
import io.orderflow.messaging.tracing.OutboxTraceContext;
import io.orderflow.order.orders.Order;
import io.orderflow.order.orders.OrderLine;
import io.orderflow.order.orders.OrderRepository;
import io.orderflow.order.orders.OrderService;
import io.orderflow.order.orders.OrderStatus;
import io.orderflow.order.orders.SagaProperties;
import io.orderflow.order.orders.StatusChange;
import io.orderflow.testsupport.contracts.ConsumerContract;
import io.orderflow.testsupport.contracts.ConsumerContractTests;
import io.orderflow.testsupport.contracts.ContractFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * order-service's consumer contracts: the sample payment events it keeps in
 * {@code src/test/resources/contracts/payment-service/} are still what payment-service
 * publishes (its committed schemas and records in shared-events, checked here, in
 * order-service's own build), are read by the real deserializer, as the service's
 * listener receives them, and move an order as the saga expects. No Spring context, no
 * broker, no database.
 */
class OrderServiceContractFixturesTest implements ConsumerContractTests {

	private static final String PRODUCER = "payment-service";

	private static final Instant NOW = Instant.parse("2025-09-21T08:00:01Z");

	private final CloudEventDeserializer deserializer = new CloudEventDeserializer(
			new OrderMessagingConfiguration().consumedEvents(), new EventJson());

	@Override
	public ConsumerContract consumerContract() {
		// every payment event: the service's switch over PaymentEvent is exhaustive
		return ConsumerContract.of("order-service", "orderflow.payment.authorized.v1", "orderflow.payment.declined.v1",
				"orderflow.payment.declined.v2", "orderflow.payment.refunded.v1", "orderflow.payment.voided.v1");
	}

	static List<ContractFixture> fixtures() {
		return ContractFixture.all();
	}

	@Test
	void everyPaymentEventHasAFixture() {
		// the service's switch over PaymentEvent is exhaustive: it depends on every type
		// of the family
		assertThat(fixtures()).allSatisfy(fixture -> assertThat(fixture.producer()).isEqualTo(PRODUCER))
			.extracting(ContractFixture::wireType)
			.containsAll(PaymentEvent.CATALOG.types());
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void theDeserializerReadsTheFixtureAsTheListenerReceivesIt(ContractFixture fixture) {
		fixture.deliveredThrough(deserializer, PaymentEvent.CATALOG);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void theFixtureMovesTheOrderAsTheSagaExpects(ContractFixture fixture) {
		PaymentEvent event = (PaymentEvent) deserializer.deserialize(PaymentEvent.TOPIC, fixture.headers(),
				fixture.payload());
		// the state in which each payment result is expected: a charge answers a pending
		// order, a refund a cancellation
		OrderStatus before = event instanceof PaymentRefunded || event instanceof PaymentVoided
				? OrderStatus.CANCELLATION_REQUESTED : OrderStatus.PENDING;
		Order order = order(event.orderId(), before);
		List<IntegrationEvent> announced = new ArrayList<>();

		service(order, announced).on(event);

		switch (event) {
			case PaymentAuthorized authorized -> {
				assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
				assertThat(announced).singleElement().isInstanceOf(OrderConfirmed.class);
			}
			case PaymentDeclined declined -> {
				assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
				assertThat(announced).singleElement()
					.isInstanceOfSatisfying(OrderRejected.class,
							rejected -> assertThat(rejected.reason()).isEqualTo(declined.reason()));
			}
			case PaymentDeclinedV2 declined -> {
				assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
				assertThat(announced).singleElement()
					.isInstanceOfSatisfying(OrderRejected.class,
							rejected -> assertThat(rejected.reason()).isEqualTo(declined.declineCode()));
			}
			case PaymentRefunded refunded -> {
				assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
				assertThat(announced).singleElement()
					.isInstanceOfSatisfying(OrderCancelled.class,
							cancelled -> assertThat(cancelled.refunded()).isTrue());
			}
			case PaymentVoided voided -> {
				assertThat(order.status()).isEqualTo(OrderStatus.CANCELLED);
				assertThat(announced).singleElement()
					.isInstanceOfSatisfying(OrderCancelled.class,
							cancelled -> assertThat(cancelled.refunded()).isFalse());
			}
		}
	}

	private static Order order(UUID id, OrderStatus status) {
		Instant placedAt = NOW.minusSeconds(60);
		List<StatusChange> history = new ArrayList<>(
				List.of(new StatusChange(OrderStatus.PENDING, placedAt, "order placed")));
		if (status != OrderStatus.PENDING) {
			history.add(new StatusChange(status, placedAt.plusSeconds(1), "for the test"));
		}
		return Order.restore(id, "customer-42", "ada@example.com", "EUR", "card",
				List.of(new OrderLine("SKU-BOOK-1", 1, new BigDecimal("35.50"))), placedAt, placedAt.plusSeconds(900),
				status, history);
	}

	/**
	 * The real {@link OrderService} over one order in memory; what it would put in the
	 * outbox is collected.
	 */
	private static OrderService service(Order order, List<IntegrationEvent> announced) {
		OrderRepository repository = new OrderRepository() {

			@Override
			public Optional<Order> lockById(UUID id) {
				return Optional.of(order).filter(o -> o.id().equals(id));
			}

			@Override
			public Optional<Order> findById(UUID id) {
				return lockById(id);
			}

			@Override
			public void update(Order updated) {
			}

			@Override
			public void insert(Order inserted) {
				throw new UnsupportedOperationException();
			}

			@Override
			public List<Order> lockOverdue(Instant now, int limit) {
				throw new UnsupportedOperationException();
			}

			@Override
			public OrderPage find(OrderQuery query) {
				throw new UnsupportedOperationException();
			}

		};
		Outbox outbox = new Outbox(null, null, null, OutboxTraceContext.NONE) {

			@Override
			public <E extends IntegrationEvent> void add(EventCatalog<E> catalog, E event) {
				announced.add(event);
			}

		};
		return new OrderService(repository, outbox, domainEvent -> {
		}, null, new SagaProperties(Duration.ofMinutes(15), Duration.ofSeconds(1)), Clock.fixed(NOW, ZoneOffset.UTC));
	}

}
