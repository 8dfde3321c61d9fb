package io.orderflow.messaging.consumer;

import java.net.ConnectException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

import static org.assertj.core.api.Assertions.assertThat;

/** Unit test of how failures are told apart and explained in dead letters. */
class ConsumerFailuresTest {

	@Test
	void aDeserialiserRefusalIsExplainedInItsOwnWords() {
		var refusal = new DeserializationException("failed to deserialize", new byte[0], false,
				new SerializationException("Unknown event type 'x' on orderflow.payment.events"));

		assertThat(ConsumerFailures.reason(refusal)).isEqualTo("Unknown event type 'x' on orderflow.payment.events");
	}

	@Test
	void aPoisonVerdictIsExplainedInItsOwnWordsNotByItsCause() {
		var failure = new ListenerExecutionFailedException("Listener method threw",
				new PoisonEventException("Payment event 1 is about an unknown order 2", new IllegalStateException("No order 2")));

		assertThat(ConsumerFailures.reason(failure)).isEqualTo("Payment event 1 is about an unknown order 2");
	}

	@Test
	void anythingElseIsExplainedByItsInnermostCause() {
		var failure = new ListenerExecutionFailedException("Listener method threw",
				new IllegalStateException("wrapped", new ArithmeticException("/ by zero")));

		assertThat(ConsumerFailures.reason(failure)).isEqualTo("/ by zero");
	}

	@Test
	void theAttemptCountIsTheDeliveryAttemptTheContainerStampedAndOneWithoutIt() {
		var retried = new ConsumerRecord<String, String>("t", 0, 0L, "k", "v");
		retried.headers().add("kafka_deliveryAttempt", ByteBuffer.allocate(4).putInt(4).array());
		var poison = new ConsumerRecord<String, String>("t", 0, 1L, "k", "v");

		assertThat(attemptsHeader(retried)).isEqualTo("4");
		assertThat(attemptsHeader(poison)).isEqualTo("1");
	}

	private static String attemptsHeader(ConsumerRecord<?, ?> record) {
		var headers = ConsumerFailures.deadLetterHeaders(record, new IllegalStateException("x"));
		return new String(headers.lastHeader(ConsumerFailures.ATTEMPTS_HEADER).value(), StandardCharsets.UTF_8);
	}

	@Test
	void aDependencyOutageAnywhereInTheChainIsNotPoison() {
		var outage = new ListenerExecutionFailedException("Listener method threw",
				new DependencyUnavailableException("provider down", new ConnectException("refused")));

		assertThat(ConsumerFailures.isDependencyUnavailable(outage)).isTrue();
		assertThat(ConsumerFailures.isDependencyUnavailable(new IllegalStateException("bug"))).isFalse();
	}

}
