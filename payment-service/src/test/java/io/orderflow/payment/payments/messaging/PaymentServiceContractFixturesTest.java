package io.orderflow.payment.payments.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.orderflow.events.IntegrationEvent;
import io.orderflow.events.order.OrderCancellationRequested;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderExpired;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.consumer.CloudEventDeserializer;
import io.orderflow.messaging.inbox.Inbox;
import io.orderflow.payment.payments.PaymentService;
import io.orderflow.testsupport.contracts.ConsumerContract;
import io.orderflow.testsupport.contracts.ConsumerContractTests;
import io.orderflow.testsupport.contracts.ContractFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.transaction.support.TransactionOperations;

/**
 * payment-service's consumer contracts: the sample order events it keeps in
 * {@code src/test/resources/contracts/order-service/} are still what order-service
 * publishes (its committed schemas and records in shared-events, checked here, in
 * payment-service's own build), are read by the real deserializer, as the listener
 * receives them, and the listener routes each to the payment it stands for: charge what
 * is placed, compensate what is cancelled or expired, pass over the rest (a
 * {@code *--passed-over.json} fixture pins that such a type is still read without
 * failing). No Spring context, no broker, no provider.
 */
class PaymentServiceContractFixturesTest implements ConsumerContractTests {

	private static final String PRODUCER = "order-service";

	/** The wire types the listener turns into a charge or a refund. */
	private static final List<String> ACTED_ON = List.of("orderflow.order.placed.v1",
			"orderflow.order.cancellation-requested.v1", "orderflow.order.expired.v1");

	private static final String PASSED_OVER = "--passed-over";

	private final CloudEventDeserializer deserializer = new CloudEventDeserializer(
			new PaymentMessagingConfiguration().consumedEvents(), new EventJson());

	@Override
	public ConsumerContract consumerContract() {
		// the types the listener acts on, and one it passes over
		return ConsumerContract.of("payment-service", "orderflow.order.placed.v1",
				"orderflow.order.cancellation-requested.v1", "orderflow.order.expired.v1",
				"orderflow.order.confirmed.v1");
	}

	static List<ContractFixture> fixtures() {
		return ContractFixture.all();
	}

	@Test
	void everyTypeTheListenerActsOnHasAFixtureAndAPassedOverTypeIsPinned() {
		List<ContractFixture> fixtures = fixtures();

		assertThat(fixtures).allSatisfy(fixture -> assertThat(fixture.producer()).isEqualTo(PRODUCER))
			.extracting(ContractFixture::wireType)
			.containsAll(ACTED_ON);
		assertThat(fixtures).extracting(ContractFixture::name).anyMatch(name -> name.contains(PASSED_OVER));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void theDeserializerReadsTheFixtureAsTheListenerReceivesIt(ContractFixture fixture) {
		fixture.deliveredThrough(deserializer, OrderEvent.CATALOG);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("fixtures")
	void theListenerRoutesTheFixtureToItsPayment(ContractFixture fixture) {
		OrderEvent event = (OrderEvent) deserializer.deserialize(OrderEvent.TOPIC, fixture.headers(),
				fixture.payload());
		RecordingPayments payments = new RecordingPayments();
		RecordingInbox inbox = new RecordingInbox();

		new OrderEventsListener(payments, inbox, TransactionOperations.withoutTransaction()).on(event, fixture.key());

		switch (event) {
			case OrderPlaced placed -> {
				assertThat(payments.calls).containsExactly(new Call("charge", placed));
				assertThat(inbox.claims).containsExactly(new Claim(fixture.key(), placed));
				assertThat(payments.recorded).as("recorded in the claiming transaction").containsExactly(placed);
				// what the charge sends to the provider
				assertThat(placed.total()).isGreaterThan(BigDecimal.ZERO);
				assertThat(placed.currency()).hasSize(3);
				assertThat(placed.paymentMethod()).isNotBlank();
			}
			case OrderCancellationRequested cancellation -> {
				assertThat(payments.calls).containsExactly(new Call("compensate", cancellation));
				assertThat(inbox.claims).containsExactly(new Claim(fixture.key(), cancellation));
				assertThat(payments.recorded).as("recorded in the claiming transaction").containsExactly(cancellation);
			}
			case OrderExpired expiry -> {
				assertThat(payments.calls).containsExactly(new Call("compensate", expiry));
				assertThat(inbox.claims).containsExactly(new Claim(fixture.key(), expiry));
				assertThat(payments.recorded).as("recorded in the claiming transaction").containsExactly(expiry);
			}
			default -> {
				assertThat(payments.calls).as("not a payment matter").isEmpty();
				assertThat(inbox.claims).as("not a payment matter").isEmpty();
			}
		}
		assertThat(payments.calls.isEmpty())
			.as("a fixture of a type the listener passes over, and only such a fixture, is named *%s.json", PASSED_OVER)
			.isEqualTo(fixture.name().contains(PASSED_OVER));
	}

	record Call(String operation, IntegrationEvent event) {
	}

	record Claim(String key, IntegrationEvent event) {
	}

	/**
	 * The real service's two entry points, recorded instead of reaching the provider and
	 * the database (nothing else of the service is called, so it needs none of its
	 * collaborators). The domain gets the event alone; the key is the listener's, under
	 * which it claims the event ({@link RecordingInbox}).
	 */
	static final class RecordingPayments extends PaymentService {

		final List<Call> calls = new ArrayList<>();

		final List<IntegrationEvent> recorded = new ArrayList<>();

		RecordingPayments() {
			super(null, null, null, null);
		}

		@Override
		public Optional<ChargeAnswer> charge(OrderPlaced order) {
			calls.add(new Call("charge", order));
			return Optional.of(new ChargeAnswer(order, null));
		}

		@Override
		public Compensation compensate(OrderEvent reason) {
			calls.add(new Call("compensate", reason));
			return new Compensation(reason, null);
		}

		@Override
		public void record(ChargeAnswer answer) {
			recorded.add(answer.order());
		}

		@Override
		public void record(Compensation compensation) {
			recorded.add(compensation.reason());
		}

	}

	/**
	 * The inbox, as if every event came for the first time: it records under which key
	 * each one is claimed.
	 */
	static final class RecordingInbox extends Inbox {

		final List<Claim> claims = new ArrayList<>();

		RecordingInbox() {
			super(null, null);
		}

		@Override
		public boolean wasProcessed(IntegrationEvent event) {
			return false;
		}

		@Override
		public boolean isFirstDelivery(String recordKey, IntegrationEvent event) {
			requireKeyIsAggregateId(recordKey, event);
			claims.add(new Claim(recordKey, event));
			return true;
		}

	}

}
