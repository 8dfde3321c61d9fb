package io.orderflow.messaging.consumer;

import java.time.Instant;
import java.util.UUID;

import io.orderflow.events.payment.PaymentDeclined;
import io.orderflow.messaging.inbox.Inbox;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Unit test: per-order ordering needs every record keyed by its order id; anything else is poison. */
class InboxKeyTest {

	private final PaymentDeclined event = new PaymentDeclined(UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
			"card_declined");

	@Test
	void acceptsTheOrderIdAsKey() {
		assertThatCode(() -> Inbox.requireKeyIsOrderId(event.orderId().toString(), event)).doesNotThrowAnyException();
	}

	@Test
	void rejectsAMissingKey() {
		assertThatThrownBy(() -> Inbox.requireKeyIsOrderId(null, event)).isInstanceOf(PoisonEventException.class)
			.hasMessageContaining("is not the order id");
	}

	@Test
	void rejectsAnotherKey() {
		assertThatThrownBy(() -> Inbox.requireKeyIsOrderId(UUID.randomUUID().toString(), event))
			.isInstanceOf(PoisonEventException.class);
	}

}
