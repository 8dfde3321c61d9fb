package io.orderflow.console.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import io.orderflow.events.order.OrderEvent;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ObservedEventTest {

	@Test
	void aKnownEventIsNamedFromTheProducersCatalogWithItsOwnTime() {
		Instant at = Instant.parse("2026-01-01T10:00:00.123Z");

		ObservedEvent event = ObservedEvent
			.parse(7, Records.event(OrderEvent.TOPIC, "o-1", "orderflow.order.placed.v1", at, "{\"orderId\": \"o-1\"}"))
			.event();

		assertThat(event.name()).isEqualTo("OrderPlaced");
		assertThat(event.producer()).isEqualTo("order-service");
		assertThat(event.time()).isEqualTo(at);
		assertThat(event.payload()).isEqualTo("{\"orderId\":\"o-1\"}");
		assertThat(event.note()).isNull();
	}

	@Test
	void aDeadLetterCarriesItsReason() {
		RecordHeaders headers = new RecordHeaders();
		headers.add("orderflow_dlt-reason", Records.bytes("Unknown event type"));

		ObservedEvent.Parsed parsed = ObservedEvent.parse(1, Records.record(OrderEvent.TOPIC + ".payment-service.dlt",
				Records.bytes("k"), Records.bytes("{}"), headers));

		assertThat(parsed.event().deadLetter()).isTrue();
		assertThat(parsed.event().note()).isEqualTo("Unknown event type");
		assertThat(parsed.known()).isNull();
	}

	@Test
	void binaryHugeAndEmptyValuesAreDescribedNotDumped() {
		byte[] binary = { (byte) 0xff, (byte) 0xfe, 0, 1, 2 };
		byte[] huge = new byte[2 * 1024 * 1024];
		Arrays.fill(huge, (byte) 'x');

		assertThat(parse(binary).payload()).isEqualTo("(5 bytes, not text)");
		assertThat(parse(huge).payload()).hasSizeLessThan(PayloadText.MAX_CHARS + 30).endsWith("(2097152 bytes)");
		assertThat(parse(new byte[0]).payload()).isEqualTo("(empty)");
		assertThat(parse(null).payload()).isEqualTo("(no value)");
		assertThat(parse("line\nbreak\u0007".getBytes(StandardCharsets.UTF_8)).payload()).isEqualTo("line break ");
		assertThat(parse(binary).note()).isEqualTo("no ce_type header: not a CloudEvent");
	}

	private static ObservedEvent parse(byte[] value) {
		return ObservedEvent.parse(0, Records.record(OrderEvent.TOPIC, null, value, new RecordHeaders())).event();
	}

}
