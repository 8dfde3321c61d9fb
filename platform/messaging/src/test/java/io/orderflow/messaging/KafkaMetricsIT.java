package io.orderflow.messaging;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.events.payment.PaymentAuthorized;
import io.orderflow.messaging.outbox.Outbox;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static io.orderflow.messaging.PaymentEventRecords.authorized;
import static io.orderflow.messaging.PaymentEventRecords.record;
import static io.orderflow.messaging.PaymentEventRecords.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration: the producer and consumer factories of platform/messaging report their
 * Kafka client metrics, and the listener containers time every record they process, on a
 * real broker.
 */
class KafkaMetricsIT extends MessagingIntegrationTest {

	@Autowired
	MeterRegistry meters;

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	/**
	 * The consumer's lag, its maximum over partitions at once. The per-partition series
	 * follow within a minute (Micrometer's binder picks new client metrics up once a
	 * minute); MetricsContractIT in system-tests sees them on the running system, so this
	 * test does not wait for them.
	 */
	@Test
	void theConsumerReportsItsLag() {
		PaymentAuthorized event = authorized(UUID.randomUUID());
		send(record(event));
		await().atMost(Duration.ofSeconds(20)).until(() -> TestEffects.processed(jdbc, event));

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(meters.find("kafka.consumer.fetch.manager.records.lag.max").meters())
				.isNotEmpty());
	}

	@Test
	void theProducerReportsTheRecordsItSent() {
		transactions.executeWithoutResult(tx -> outbox.add(OrderEvent.CATALOG, placed()));

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(meters.find("kafka.producer.record.send.total").functionCounters())
				.anySatisfy(sent -> assertThat(sent.count()).isPositive()));
	}

	@Test
	void everyListenerContainerTimesTheRecordsItProcessedByResult() {
		PaymentAuthorized event = authorized(UUID.randomUUID());

		send(record(event));

		await().atMost(Duration.ofSeconds(20)).until(() -> TestEffects.processed(jdbc, event));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			List<Timer> successes = meters.find("spring.kafka.listener")
				.tag("result", "success")
				.timers()
				.stream()
				.toList();
			assertThat(successes).isNotEmpty()
				.allSatisfy(timer -> assertThat(timer.getId().getTag("name")).isNotBlank());
			assertThat(successes.stream().mapToLong(Timer::count).sum()).isPositive();
		});
	}

	private static OrderPlaced placed() {
		return new OrderPlaced(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), UUID.randomUUID(),
				"c-1", "c-1@example.com", "EUR", new BigDecimal("25.00"), "pm_card_visa",
				List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50"))));
	}

}
