package io.orderflow.messaging.consumer;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.after;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * When a delivery fails on an unreachable database, the instance stops its listener
 * containers (leaving its partitions to peers) while the database does not answer, and
 * starts them again once it does. The containers are mocks and the database a switch:
 * this is the class's own logic; ScaleOutFaultIT's S7 cuts a real instance off its real
 * database.
 */
class StepAsideWhileDatabaseUnreachableTest {

	private static final ConsumerRecord<String, String> RECORD = new ConsumerRecord<>("topic", 0, 0, "key", "value");

	private static final Exception UNREACHABLE = new IllegalStateException("Could not open JDBC Connection",
			new SQLTransientConnectionException("Connection is not available, request timed out after 3000ms"));

	private final AtomicBoolean databaseAnswers = new AtomicBoolean();

	private final MessageListenerContainer container = mock(MessageListenerContainer.class);

	private final MessageListenerContainer alreadyStopped = mock(MessageListenerContainer.class);

	private StepAsideWhileDatabaseUnreachable stepAside;

	@BeforeEach
	void aServiceWithTwoContainersOneRunning() {
		KafkaListenerEndpointRegistry registry = mock(KafkaListenerEndpointRegistry.class);
		given(registry.getListenerContainers()).willReturn(List.of(container, alreadyStopped));
		given(container.isRunning()).willReturn(true);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("registry", registry);
		stepAside = new StepAsideWhileDatabaseUnreachable(beans.getBeanProvider(KafkaListenerEndpointRegistry.class),
				databaseAnswers::get, Duration.ofMillis(50));
		stepAside.start();
	}

	@AfterEach
	void stop() {
		stepAside.stop();
		stepAside.destroy();
	}

	@Test
	void stopsTheRunningContainersWhileTheDatabaseDoesNotAnswerAndStartsThemOnceItDoes() {
		stepAside.failedDelivery(RECORD, UNREACHABLE, 1);
		verify(container, after(500).times(1)).stop();
		verify(alreadyStopped, never()).stop();
		verify(container, never()).start();

		databaseAnswers.set(true);
		verify(container, after(500).times(1)).start();
		verify(alreadyStopped, never()).start();
	}

	@Test
	void aFailureWhileTheDatabaseAnswersAgainStopsNothing() {
		databaseAnswers.set(true);
		stepAside.failedDelivery(RECORD, UNREACHABLE, 1);
		verify(container, after(300).never()).stop();
	}

	@Test
	void anyOtherFailureStopsNothing() {
		stepAside.failedDelivery(RECORD, new PoisonEventException("not an order event"), 1);
		verify(container, after(300).never()).stop();
	}

	@Test
	void aServiceStoppedAndStartedAgainStillStepsAside() {
		stepAside.stop();
		stepAside.start();
		stepAside.failedDelivery(RECORD, UNREACHABLE, 1);
		verify(container, after(500).times(1)).stop();
	}

	@Test
	void aServiceThatStopsStartsNoContainer() {
		stepAside.failedDelivery(RECORD, UNREACHABLE, 1);
		verify(container, after(300).times(1)).stop();
		stepAside.stop();
		databaseAnswers.set(true);
		verify(container, after(300).never()).start();
	}

}
