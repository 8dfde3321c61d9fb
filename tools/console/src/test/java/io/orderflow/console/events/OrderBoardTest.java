package io.orderflow.console.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class OrderBoardTest {

	private static final Instant PLACED = Instant.parse("2026-01-01T10:00:00.000Z");

	private final OrderBoard board = new OrderBoard(100);

	private long sequence;

	@Test
	void anOrderFollowsItsEventsAcrossTheServicesWithItsPlacedToOutcomeLatency() {
		String id = UUID.randomUUID().toString();
		List<OrderView> outcomes = new ArrayList<>();
		board.onOutcome(outcomes::add);

		read(placed(id, PLACED));
		read(Records.event(PaymentEvent.TOPIC, id, "orderflow.payment.authorized.v1", PLACED.plusMillis(120),
				"{\"orderId\":\"" + id + "\",\"chargeId\":\"ch_1\"}"));
		read(Records.event(OrderEvent.TOPIC, id, "orderflow.order.confirmed.v1", PLACED.plusMillis(180),
				"{\"orderId\":\"" + id + "\"}"));

		OrderView order = board.find(id).orElseThrow();
		assertThat(order.state()).isEqualTo(OrderState.CONFIRMED);
		assertThat(order.latencyMillis()).isEqualTo(180);
		assertThat(order.total()).isEqualByComparingTo("25.00");
		assertThat(order.paymentMethod()).isEqualTo("pm_card_visa");
		assertThat(order.timeline()).extracting(TimelineEntry::service, TimelineEntry::what)
			.containsExactly(tuple("order-service", "OrderPlaced"), tuple("payment-service", "PaymentAuthorized"),
					tuple("order-service", "OrderConfirmed"));
		assertThat(order.timeline().get(1).detail()).isEqualTo("chargeId ch_1");
		assertThat(outcomes).extracting(OrderView::id).containsExactly(id);
		ChartSecond atPlacement = board.chart(PLACED).getLast();
		assertThat(atPlacement.placed()).isEqualTo(1);
		assertThat(atPlacement.confirmed()).isEqualTo(1);
		assertThat(atPlacement.p50()).isEqualTo(180);
	}

	@Test
	void aLateOrRedeliveredEventNeverMovesAnOrderBackAndCountsAsADuplicate() {
		String id = UUID.randomUUID().toString();
		String placedEventId = UUID.randomUUID().toString();
		read(Records.event(OrderEvent.TOPIC, id, "orderflow.order.placed.v1", placedEventId, PLACED, placedJson(id)));
		read(Records.event(OrderEvent.TOPIC, id, "orderflow.order.rejected.v1", PLACED.plusMillis(90),
				"{\"reason\":\"card_declined\"}"));
		read(Records.event(OrderEvent.TOPIC, id, "orderflow.order.placed.v1", placedEventId, PLACED, placedJson(id)));
		read(Records.event(OrderEvent.TOPIC, id, "orderflow.order.placed.v1", PLACED.plusMillis(5), placedJson(id)));

		OrderView order = board.find(id).orElseThrow();
		assertThat(order.state()).isEqualTo(OrderState.REJECTED);
		assertThat(order.duplicates()).isEqualTo(1);
		assertThat(order.placedAt()).isEqualTo(PLACED);
		assertThat(order.latencyMillis()).isEqualTo(90);
		assertThat(order.timeline()).filteredOn(step -> step.what().equals("OrderRejected"))
			.singleElement()
			.extracting(TimelineEntry::detail)
			.isEqualTo("reason card_declined");
	}

	@Test
	void recordsThatAreNoWellFormedEventNeverBecomeOrders() {
		String id = UUID.randomUUID().toString();
		RecordHeaders noType = new RecordHeaders();
		read(Records.record(OrderEvent.TOPIC, Records.bytes(id), Records.bytes("{}"), noType));
		read(Records.event(OrderEvent.TOPIC, id, "orderflow.console.poison.v1", PLACED, "{\"poison\":true}"));
		read(Records.event(OrderEvent.TOPIC, id, "orderflow.order.placed.v1", PLACED, "not json at all"));
		read(Records.event(OrderEvent.TOPIC, null, "orderflow.order.placed.v1", PLACED, placedJson(id)));

		assertThat(board.size()).isZero();
	}

	@Test
	void theOldestOrdersAreForgottenBeyondTheCapacity() {
		OrderBoard small = new OrderBoard(2);
		List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
				UUID.randomUUID().toString());
		for (String id : ids) {
			small.apply(ObservedEvent.parse(sequence++, placed(id, PLACED)));
		}

		assertThat(small.size()).isEqualTo(2);
		assertThat(small.recent(10)).extracting(OrderView::id).containsExactly(ids.get(2), ids.get(1));
		assertThat(small.drainChanged(10)).extracting(OrderView::id).containsExactly(ids.get(1), ids.get(2));
		assertThat(small.drainChanged(10)).isEmpty();
	}

	@Test
	void anAuditAddsTheEmailToTheTimelineOnce() {
		String id = UUID.randomUUID().toString();
		read(placed(id, PLACED));
		Audit audit = new Audit(1, 0, 0, List.of(new Audit.Email(PLACED.plusMillis(300), "CONFIRMED")));

		board.audited(id, audit);
		board.audited(id, audit);

		OrderView order = board.find(id).orElseThrow();
		assertThat(order.audit()).isEqualTo(audit);
		assertThat(order.timeline()).extracting(TimelineEntry::what).containsExactly("OrderPlaced", "Email sent");
	}

	private void read(ConsumerRecord<byte[], byte[]> record) {
		board.apply(ObservedEvent.parse(sequence++, record));
	}

	private static ConsumerRecord<byte[], byte[]> placed(String id, Instant at) {
		return Records.event(OrderEvent.TOPIC, id, "orderflow.order.placed.v1", at, placedJson(id));
	}

	private static String placedJson(String id) {
		return """
				{"orderId":"%s","customerId":"c-1","customerEmail":"a@example.com","currency":"EUR","total":25.00,
				 "paymentMethod":"pm_card_visa","lines":[]}""".formatted(id);
	}

}
