package io.orderflow.messaging;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.consumer.ConsumedEvents;
import io.orderflow.messaging.consumer.ReplayTopics;
import io.orderflow.messaging.inbox.Inbox;
import io.orderflow.messaging.outbox.PublishedEvents;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.handler.annotation.Header;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A minimal service on platform/messaging: publishes order events, consumes payment
 * events (and their replays, as every service does) into test_effect.
 */
@SpringBootApplication
public class MessagingTestApplication {

	@Bean
	PublishedEvents publishedEvents() {
		return new PublishedEvents(OrderEvent.CATALOG);
	}

	@Bean
	ConsumedEvents consumedEvents() {
		return ConsumedEvents.of(PaymentEvent.CATALOG);
	}

	/**
	 * Records each payment event as an effect, idempotently; fails on demand for chosen
	 * orders.
	 */
	@Component
	public static class RecordingListener {

		private final Set<UUID> failAlways = ConcurrentHashMap.newKeySet();

		private final ConcurrentHashMap<UUID, AtomicInteger> failTimes = new ConcurrentHashMap<>();

		private final ConcurrentHashMap<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();

		private final Inbox inbox;

		private final JdbcClient jdbc;

		RecordingListener(Inbox inbox, JdbcClient jdbc) {
			this.inbox = inbox;
			this.jdbc = jdbc;
		}

		// accessors, not fields: the bean is a transactional proxy

		public void failAlways(UUID orderId) {
			failAlways.add(orderId);
		}

		public void failTimes(UUID orderId, int times) {
			failTimes.put(orderId, new AtomicInteger(times));
		}

		/** The cause is gone: the order's events are processed normally from now on. */
		public void clearFailures(UUID orderId) {
			failAlways.remove(orderId);
			failTimes.remove(orderId);
		}

		public int attempts(UUID orderId) {
			return attempts.getOrDefault(orderId, new AtomicInteger()).get();
		}

		@KafkaListener(topics = { PaymentEvent.TOPIC, PaymentEvent.TOPIC + ReplayTopics.OF_OWN_GROUP })
		@Transactional
		void on(PaymentEvent event, @Header(name = KafkaHeaders.RECEIVED_KEY, required = false) String key) {
			attempts.computeIfAbsent(event.orderId(), id -> new AtomicInteger()).incrementAndGet();
			if (!inbox.isFirstDelivery(key, event)) {
				return;
			}
			jdbc.sql("insert into test_effect (event_id, order_id) values (?, ?)")
				.params(event.eventId(), event.orderId())
				.update();
			AtomicInteger remainingFailures = failTimes.get(event.orderId());
			if (failAlways.contains(event.orderId())
					|| (remainingFailures != null && remainingFailures.getAndDecrement() > 0)) {
				throw new IllegalStateException("induced failure for " + event.orderId());
			}
		}

	}

}
