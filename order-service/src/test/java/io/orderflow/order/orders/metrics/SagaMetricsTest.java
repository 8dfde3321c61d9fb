package io.orderflow.order.orders.metrics;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.orderflow.order.orders.Order;
import io.orderflow.order.orders.OrderLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.transaction.event.TransactionalEventListenerFactory;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit: the saga is counted from the domain events an order raised when the transaction
 * that stored them commits, never when it rolls back. {@link SagaMetrics} listens as the
 * service's context has it listen (Spring's transactional event listener, the events
 * published as {@code OrderService} publishes them); the transaction's end is played the
 * way a transaction manager plays it, through the registered synchronizations.
 */
class SagaMetricsTest {

	private static final Instant PLACED_AT = Instant.parse("2025-01-01T10:00:00Z");

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final AnnotationConfigApplicationContext context = listening(new SagaMetrics(registry));

	@AfterEach
	void endTransaction() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.clearSynchronization();
		}
		TransactionSynchronizationManager.setActualTransactionActive(false);
		context.close();
	}

	@Test
	void aPlacedOrderCountsWhenItsTransactionCommits() {
		beginTransaction();
		store(newOrder());
		assertThat(placed()).isZero();

		commit();

		assertThat(placed()).isEqualTo(1);
	}

	@Test
	void anOutcomeCountsWithTheSagaDurationWhenItsTransactionCommits() {
		Order order = newOrder();
		order.clearDomainEvents();
		order.confirm(PLACED_AT.plusMillis(1500));

		beginTransaction();
		store(order);
		commit();

		assertThat(completed("confirmed")).isEqualTo(1);
		assertThat(
				registry.get(SagaMetrics.DURATION).tag("outcome", "confirmed").timer().totalTime(TimeUnit.MILLISECONDS))
			.isEqualTo(1500);
	}

	@Test
	void aRolledBackTransitionCountsNothing() {
		Order order = newOrder();
		order.paymentDeclined("card_declined", PLACED_AT.plusSeconds(1));

		beginTransaction();
		store(order);
		rollBack();

		assertThat(placed()).isZero();
		assertThat(completed("rejected")).isZero();
		assertThat(registry.get(SagaMetrics.DURATION).tag("outcome", "rejected").timer().count()).isZero();
	}

	@Test
	void aStepThatIsNoOutcomeCountsNoCompletion() {
		Order order = newOrder();
		order.clearDomainEvents();
		order.requestCancellation(PLACED_AT.plusSeconds(1), Duration.ofMinutes(15));

		beginTransaction();
		store(order);
		commit();

		for (String outcome : List.of("confirmed", "rejected", "cancelled", "expired")) {
			assertThat(completed(outcome)).as(outcome).isZero();
		}
	}

	@Test
	void aCancellationCompletesAsCancelledAfterTheCustomerAsked() {
		Order order = newOrder();
		order.clearDomainEvents();
		order.requestCancellation(PLACED_AT.plusSeconds(1), Duration.ofMinutes(15));
		order.refunded(PLACED_AT.plusSeconds(3));

		beginTransaction();
		store(order);
		commit();

		assertThat(completed("cancelled")).isEqualTo(1);
		assertThat(registry.get(SagaMetrics.DURATION).tag("outcome", "cancelled").timer().totalTime(TimeUnit.SECONDS))
			.isEqualTo(3);
	}

	private double placed() {
		return registry.get(SagaMetrics.PLACED).counter().count();
	}

	private double completed(String outcome) {
		return registry.get(SagaMetrics.COMPLETED).tag("outcome", outcome).counter().count();
	}

	/**
	 * What {@code OrderService} does once it stored the order: publish what it raised,
	 * then forget it.
	 */
	private void store(Order order) {
		order.domainEvents().forEach(context::publishEvent);
		order.clearDomainEvents();
	}

	private static AnnotationConfigApplicationContext listening(SagaMetrics metrics) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean(SagaMetrics.class, () -> metrics);
		// what @EnableTransactionManagement registers, so that
		// @TransactionalEventListener waits for the commit
		context.registerBean(TransactionalEventListenerFactory.class);
		context.refresh();
		return context;
	}

	private static void beginTransaction() {
		TransactionSynchronizationManager.initSynchronization();
		TransactionSynchronizationManager.setActualTransactionActive(true);
	}

	private static void commit() {
		List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
		TransactionSynchronizationUtils.invokeAfterCommit(synchronizations);
		TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations,
				TransactionSynchronization.STATUS_COMMITTED);
		TransactionSynchronizationManager.clearSynchronization();
	}

	private static void rollBack() {
		List<TransactionSynchronization> synchronizations = TransactionSynchronizationManager.getSynchronizations();
		TransactionSynchronizationUtils.invokeAfterCompletion(synchronizations,
				TransactionSynchronization.STATUS_ROLLED_BACK);
		TransactionSynchronizationManager.clearSynchronization();
	}

	private static Order newOrder() {
		return Order.place(UUID.randomUUID(), "c-1", "c-1@example.com", "EUR", "pm_card_visa",
				List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50"))), PLACED_AT, Duration.ofMinutes(15));
	}

}
