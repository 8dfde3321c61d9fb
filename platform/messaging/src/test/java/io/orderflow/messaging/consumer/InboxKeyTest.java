package io.orderflow.messaging.consumer;

import java.time.Instant;
import java.util.UUID;

import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.messaging.inbox.Inbox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit test: one aggregate's events (one order's, here) stay in order only if every
 * record is keyed by its aggregate id; anything else is poison.
 */
class InboxKeyTest {

	private final PaymentDeclined event = new PaymentDeclined(UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
			"card_declined");

	@Test
	void acceptsTheAggregateIdAsKey() {
		assertThatCode(() -> Inbox.requireKeyIsAggregateId(event.orderId().toString(), event))
			.doesNotThrowAnyException();
	}

	@Test
	void rejectsAMissingKey() {
		assertThatThrownBy(() -> Inbox.requireKeyIsAggregateId(null, event)).isInstanceOf(PoisonEventException.class)
			.hasMessageContaining("is not the aggregate id");
	}

	@Test
	void rejectsAnotherKey() {
		assertThatThrownBy(() -> Inbox.requireKeyIsAggregateId(UUID.randomUUID().toString(), event))
			.isInstanceOf(PoisonEventException.class);
	}

}
