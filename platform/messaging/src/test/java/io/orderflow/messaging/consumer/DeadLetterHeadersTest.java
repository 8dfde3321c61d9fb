package io.orderflow.messaging.consumer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.DefaultRecord;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit: whatever the failure, the headers the dead-letter recoverer every consumer uses
 * ({@link DeadLetterPublishing}) adds to a dead letter stay within
 * {@link DeadLetterHeaders#MAX_ADDED_BYTES}.
 */
class DeadLetterHeadersTest {

	@Test
	void theHeadersADeadLetterAddsAreBoundedWhateverTheExceptionSays() {
		String topic = "t".repeat(249); // Kafka's longest topic name
		var record = new ConsumerRecord<Object, Object>(topic, 2, 1234L, "key",
				"value".getBytes(StandardCharsets.UTF_8));
		record.headers().add("ce_type", "orderflow.payment.authorized.v1".getBytes(StandardCharsets.UTF_8));
		Header[] original = record.headers().toArray();
		record.headers().add(KafkaHeaders.DELIVERY_ATTEMPT, ByteBuffer.allocate(Integer.BYTES).putInt(4).array());
		var failure = new ListenerExecutionFailedException("Listener failed: " + "m".repeat(1_000_000), "g".repeat(255),
				nested(500, "é".repeat(500_000)));

		ProducerRecord<Object, Object> deadLetter = deadLetterOf(record, failure);

		int added = size(deadLetter.headers().toArray()) - size(original);
		assertThat(added).isPositive().isLessThanOrEqualTo(DeadLetterHeaders.MAX_ADDED_BYTES);
		assertThat(text(deadLetter, KafkaHeaders.DLT_EXCEPTION_STACKTRACE))
			.startsWith(ListenerExecutionFailedException.class.getName())
			.endsWith(DeadLetterHeaders.TRUNCATED);
		assertThat(text(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).startsWith("Listener failed: mmm");
		assertThat(text(deadLetter, ConsumerFailures.REASON_HEADER)).startsWith("ééé")
			.endsWith(DeadLetterHeaders.TRUNCATED);
		// as spring-kafka names it: the exception behind the container's wrapper, not the
		// innermost of its causes
		assertThat(text(deadLetter, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN)).isEqualTo(RuntimeException.class.getName());
		assertThat(text(deadLetter, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(topic);
	}

	@Test
	void aShortExplanationIsKeptWhole() {
		var record = new ConsumerRecord<Object, Object>("orderflow.payment.events", 0, 7L, "key", "value");

		ProducerRecord<Object, Object> deadLetter = deadLetterOf(record,
				new ListenerExecutionFailedException("Listener failed", new IllegalStateException("induced failure")));

		assertThat(text(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("Listener failed; induced failure");
		assertThat(text(deadLetter, ConsumerFailures.REASON_HEADER)).isEqualTo("induced failure");
		assertThat(text(deadLetter, KafkaHeaders.DLT_EXCEPTION_FQCN))
			.isEqualTo(ListenerExecutionFailedException.class.getName());
	}

	@Test
	void aBatchListenersDeadLetterNamesTheRecordsOwnFailureAsARecordListenersDoes() {
		var record = new ConsumerRecord<Object, Object>("orderflow.order.events", 0, 7L, "key", "value");
		var failure = new ListenerExecutionFailedException("Listener failed", new BatchListenerFailedException(
				"Record orderflow.order.events-0@7 failed", new PoisonEventException("unknown order 42"), 3));

		ProducerRecord<Object, Object> deadLetter = deadLetterOf(record, failure);

		assertThat(text(deadLetter, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN))
			.isEqualTo(PoisonEventException.class.getName());
		assertThat(text(deadLetter, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).isEqualTo("Listener failed; unknown order 42");
		assertThat(text(deadLetter, ConsumerFailures.REASON_HEADER)).isEqualTo("unknown order 42");
	}

	@Test
	void truncationCutsOnACharacterBoundary() {
		byte[] cut = DeadLetterHeaders.truncate("aé".repeat(100), 20 + DeadLetterHeaders.TRUNCATED.length());

		assertThat(cut.length).isLessThanOrEqualTo(20 + DeadLetterHeaders.TRUNCATED.length());
		assertThat(new String(cut, StandardCharsets.UTF_8)).startsWith("aéaé")
			.endsWith(DeadLetterHeaders.TRUNCATED)
			.doesNotContain("\uFFFD");
		assertThat(DeadLetterHeaders.truncate("short", 100)).isEqualTo("short".getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * What the recoverer sends, captured by a template that acknowledges without a
	 * broker.
	 */
	private static ProducerRecord<Object, Object> deadLetterOf(ConsumerRecord<Object, Object> record,
			Exception failure) {
		AtomicReference<ProducerRecord<Object, Object>> sent = new AtomicReference<>();
		var template = new KafkaTemplate<Object, Object>(new DefaultKafkaProducerFactory<>(Map.<String, Object>of())) {
			@Override
			public CompletableFuture<SendResult<Object, Object>> send(ProducerRecord<Object, Object> deadLetter) {
				sent.set(deadLetter);
				return CompletableFuture.completedFuture(new SendResult<>(deadLetter, null));
			}
		};
		DeadLetterPublishing.recoverer(template, "orderflow-it").accept(record, failure);
		return sent.get();
	}

	private static Exception nested(int depth, String innermostMessage) {
		Exception cause = new IllegalStateException(innermostMessage);
		for (int i = 0; i < depth; i++) {
			cause = new RuntimeException("level " + i + " " + "x".repeat(1000), cause);
		}
		return cause;
	}

	private static int size(Header[] headers) {
		return DefaultRecord.sizeInBytes(0, 0, 3, 5, headers);
	}

	private static String text(ProducerRecord<Object, Object> record, String header) {
		return new String(new RecordHeaders(record.headers().toArray()).lastHeader(header).value(),
				StandardCharsets.UTF_8);
	}

}
