package io.orderflow.messaging.outbox;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.order.OrderLine;
import io.orderflow.events.order.OrderPlaced;
import io.orderflow.messaging.EventJson;
import io.orderflow.messaging.MessagingIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static io.orderflow.messaging.Infrastructure.header;
import static io.orderflow.messaging.Infrastructure.publishedRecordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox carries the trace of the transaction that wrote an event to the record the
 * relay sends from its own thread, on a real tracer (Brave), broker and database.
 */
class OutboxTracingIT extends MessagingIntegrationTest {

	private static final Duration RELAYED = Duration.ofSeconds(15);

	private static final String COLUMNS = "event_id, topic, message_key, event_type, source, occurred_at, payload";

	private static final String PARAMETERS = "?, ?, ?, ?, ?, ?, ?";

	@Autowired
	Outbox outbox;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Tracer tracer;

	@Test
	void anEventWrittenInATraceIsSentAsAChildSpanOfTheWritingSpan() {
		OrderPlaced event = placed();
		Span request = tracer.nextSpan().name("request").start();
		try (Tracer.SpanInScope scope = tracer.withSpan(request)) {
			transactions.executeWithoutResult(tx -> outbox.add(OrderEvent.CATALOG, event));
		}
		finally {
			request.end();
		}

		ConsumerRecord<String, byte[]> record = await().atMost(RELAYED)
			.until(() -> publishedRecordOf(OrderEvent.TOPIC, event), r -> r != null);
		String[] traceparent = header(record, "traceparent").split("-");
		assertThat(traceparent[0]).isEqualTo("00");
		assertThat(traceparent[1]).as("trace id").isEqualTo(request.context().traceId());
		assertThat(traceparent[2]).as("the producer span, a child of the request's")
			.matches("[0-9a-f]{16}")
			.isNotEqualTo(request.context().spanId());
	}

	@Test
	void rowsWithoutATraceContextOrWithAnUnreadableOneAreSentAllTheSame() {
		OrderPlaced beforeTracing = placed();
		OrderPlaced garbled = placed();

		insertRow(beforeTracing, "insert into outbox_message (%s) values (%s)".formatted(COLUMNS, PARAMETERS));
		insertRow(garbled, "insert into outbox_message (%s, traceparent) values (%s, '00-not-a-trace-context')"
			.formatted(COLUMNS, PARAMETERS));

		await().atMost(RELAYED)
			.until(() -> publishedRecordOf(OrderEvent.TOPIC, beforeTracing) != null
					&& publishedRecordOf(OrderEvent.TOPIC, garbled) != null);
		assertThat(header(publishedRecordOf(OrderEvent.TOPIC, beforeTracing), "traceparent")).as("a trace of its own")
			.isNotNull();
	}

	/**
	 * A row written by SQL, as a version of platform/messaging before rows carried a
	 * trace context wrote it.
	 */
	private void insertRow(OrderPlaced event, String sql) {
		jdbc.sql(sql)
			.params(event.eventId(), OrderEvent.TOPIC, event.orderId().toString(), OrderEvent.CATALOG.typeOf(event),
					OrderEvent.CATALOG.source(), Timestamp.from(event.occurredAt()), new EventJson().write(event))
			.update();
	}

	private static OrderPlaced placed() {
		return new OrderPlaced(UUID.randomUUID(), Instant.now().truncatedTo(ChronoUnit.MICROS), UUID.randomUUID(),
				"c-1", "c-1@example.com", "EUR", new BigDecimal("25.00"), "pm_card_visa",
				List.of(new OrderLine("BOOK-1", 2, new BigDecimal("12.50"))));
	}

}
