package io.orderflow.messaging;

import java.util.UUID;

import io.orderflow.events.IntegrationEvent;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the test application's listener did: one {@code test_effect} row per payment event
 * it processed.
 */
public final class TestEffects {

	private TestEffects() {
	}

	public static boolean processed(JdbcClient jdbc, IntegrationEvent event) {
		return jdbc.sql("select count(*) from test_effect where event_id = ?")
			.param(event.eventId())
			.query(Long.class)
			.single() == 1;
	}

	public static int ofOrder(JdbcClient jdbc, UUID orderId) {
		return jdbc.sql("select count(*) from test_effect where order_id = ?")
			.param(orderId)
			.query(Integer.class)
			.single();
	}

}
