package io.orderflow.messaging.deadletter;

import java.util.concurrent.atomic.AtomicReference;

import io.orderflow.events.payment.PaymentEvent;
import io.orderflow.messaging.MessagingProperties;
import io.orderflow.messaging.consumer.ConsumedEvents;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Unit: the context closes the dead-letter store when it closes (a bean method's
 * {@code close()} is its inferred destroy method), and with it the consumer the store
 * keeps for the dead-letter gauge; no broker needed.
 */
class DeadLetterAutoConfigurationTest {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DeadLetterAutoConfiguration.class))
		.withBean(KafkaProperties.class, DeadLetterAutoConfigurationTest::kafkaProperties)
		.withBean(ConsumedEvents.class, () -> ConsumedEvents.of(PaymentEvent.CATALOG))
		.withBean(MessagingProperties.class, MessagingProperties::defaults)
		.withBean(JdbcClient.class, () -> JdbcClient.create(new DriverManagerDataSource()));

	@Test
	void theStoreIsClosedWhenTheContextCloses() {
		AtomicReference<DeadLetterStore> store = new AtomicReference<>();
		context.run(started -> {
			assertThat(started).hasNotFailed().hasSingleBean(DeadLetterStore.class);
			store.set(started.getBean(DeadLetterStore.class));
		});

		// open, it would try a broker that is not there for seconds and time out
		assertThatThrownBy(store.get()::offsetRanges).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("closed");
	}

	private static KafkaProperties kafkaProperties() {
		KafkaProperties kafka = new KafkaProperties();
		kafka.getConsumer().setGroupId("messaging-test");
		return kafka;
	}

}
