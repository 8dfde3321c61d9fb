package io.orderflow.messaging;

import java.util.Map;

import io.orderflow.messaging.tracing.AggregateCorrelations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.ContainerProperties.AckMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit: every listener container factory commits offsets once per commit interval, or
 * after every poll when the interval is zero, and polls at most a second when idle, so
 * that its last offsets do not wait long.
 */
class ListenerContainerConventionsTest {

	@Test
	void offsetsAreCommittedOncePerInterval() {
		ContainerProperties container = containerWith("100ms");

		assertThat(container.getAckMode()).isEqualTo(AckMode.TIME);
		assertThat(container.getAckTime()).isEqualTo(100);
		assertThat(container.getPollTimeout()).isEqualTo(1000);
		assertThat(container.isDeliveryAttemptHeader()).isTrue();
		assertThat(container.isObservationEnabled()).isTrue();
	}

	@Test
	void anIntervalOfZeroCommitsAfterEveryPoll() {
		ContainerProperties container = containerWith("0");

		assertThat(container.getAckMode()).isEqualTo(AckMode.BATCH);
		assertThat(container.getPollTimeout()).isEqualTo(1000);
	}

	private static ContainerProperties containerWith(String commitInterval) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("messagingProperties",
				MessagingProperties.of(Map.of("orderflow.messaging.consumer.commit-interval", commitInterval))));
		var factory = new ConcurrentKafkaListenerContainerFactory<Object, Object>();
		MessagingAutoConfiguration
			.listenerContainerConventions(beans.getBeanProvider(AggregateCorrelations.class),
					beans.getBeanProvider(MessagingProperties.class))
			.postProcessAfterInitialization(factory, "kafkaListenerContainerFactory");
		return factory.getContainerProperties();
	}

}
