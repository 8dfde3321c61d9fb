package io.orderflow.order.orders.web;

import java.time.Instant;
import java.util.UUID;

import io.orderflow.order.orders.OrderRepository.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit: the listing's position token reads back as written, and nothing else reads as
 * one.
 */
class OrderCursorTest {

	@Test
	void aPositionReadsBackExactlyToTheMicrosecond() {
		Position position = new Position(Instant.parse("2026-12-06T12:34:56.123456Z"), UUID.randomUUID());

		String token = OrderCursor.encode(position);

		assertThat(token).matches("[A-Za-z0-9_-]+").hasSizeLessThanOrEqualTo(OrderCursor.MAX_LENGTH);
		assertThat(OrderCursor.decode(token)).isEqualTo(position);
	}

	@Test
	void theLatestPositionFitsTheLengthLimit() {
		Position latest = new Position(Instant.parse("9999-12-31T23:59:59.999999Z"),
				UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"));

		assertThat(OrderCursor.encode(latest)).hasSizeLessThanOrEqualTo(OrderCursor.MAX_LENGTH);
		assertThat(OrderCursor.decode(OrderCursor.encode(latest))).isEqualTo(latest);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage!", "bzEuMTIzLm5vdC1hLXV1aWQ", "o1.1.00000000-0000-0000-0000-000000000000",
			"bzEuLTEuMDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw",
			"bzEuOTAwMDAwMDAwMDAwMDAwMDAwMC4wMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA",
			"bzEuOTk5OTk5OTk5OTk5OTk5OTk5OS4wMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA" })
	void anythingElseIsRefusedNamingAfter(String token) {
		assertThatThrownBy(() -> OrderCursor.decode(token)).isInstanceOf(OrderCursor.InvalidCursorException.class)
			.hasMessageContaining("after");
	}

	@Test
	void aTokenLongerThanAnyWrittenIsRefusedBeforeDecoding() {
		assertThatThrownBy(() -> OrderCursor.decode("A".repeat(OrderCursor.MAX_LENGTH + 1)))
			.isInstanceOf(OrderCursor.InvalidCursorException.class);
	}

}
