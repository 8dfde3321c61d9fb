package io.orderflow.messaging.consumer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import org.springframework.kafka.support.KafkaHeaders;

/** How the error handler tells failures apart and explains them in dead letters. */
public final class ConsumerFailures {

	/**
	 * Header naming why a record was dead-lettered, in words: the most specific cause's
	 * message, at most {@value DeadLetterHeaders#MAX_TEXT_BYTES} bytes of it.
	 */
	public static final String REASON_HEADER = "orderflow_dlt-reason";

	/**
	 * Header counting the deliveries tried before the record was dead-lettered, in
	 * decimal: the configured maximum for a record that kept failing, 1 for poison that
	 * is not retried.
	 */
	public static final String ATTEMPTS_HEADER = "orderflow_dlt-attempts";

	private ConsumerFailures() {
	}

	/**
	 * The headers a dead letter gets on top of spring-kafka's {@code kafka_dlt-*}: the
	 * reason in words and the attempt count.
	 */
	public static Headers deadLetterHeaders(ConsumerRecord<?, ?> record, Exception ex) {
		return reasonHeaders(ex).add(ATTEMPTS_HEADER,
				Integer.toString(deliveryAttempt(record)).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * spring-kafka's own {@code kafka_dlt-exception-message} says only "failed to
	 * deserialize" when the deserializer refused a record, and names the listener method
	 * otherwise. The reason an operator needs is our own words: the poison verdict or the
	 * deserializer's refusal, else the innermost cause.
	 */
	public static Headers reasonHeaders(Exception ex) {
		return new RecordHeaders().add(REASON_HEADER,
				DeadLetterHeaders.truncate(reason(ex), DeadLetterHeaders.MAX_TEXT_BYTES));
	}

	/**
	 * The delivery attempt the container stamped on the record
	 * ({@link KafkaHeaders#DELIVERY_ATTEMPT}, a 4-byte int, present because the container
	 * factory enables {@code deliveryAttemptHeader}); 1 when absent.
	 */
	static int deliveryAttempt(ConsumerRecord<?, ?> record) {
		Header header = record.headers().lastHeader(KafkaHeaders.DELIVERY_ATTEMPT);
		if (header == null || header.value() == null || header.value().length != Integer.BYTES) {
			return 1;
		}
		return Math.max(1, ByteBuffer.wrap(header.value()).getInt());
	}

	static String reason(Throwable ex) {
		Throwable innermost = ex;
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PoisonEventException || cause instanceof SerializationException) {
				return String.valueOf(cause.getMessage());
			}
			innermost = cause;
			if (cause.getCause() == cause) {
				break;
			}
		}
		return innermost.getMessage() == null ? innermost.getClass().getName() : innermost.getMessage();
	}

	/**
	 * Whether the record failed only because something it needs is down: a downstream
	 * that said so ({@link DependencyUnavailableException}), or the service's own
	 * database. Such a record is retried until the dependency heals, never dead-lettered:
	 * it is not poison.
	 */
	public static boolean isDependencyUnavailable(Exception ex) {
		return anyCause(ex, cause -> cause instanceof DependencyUnavailableException || isDatabaseUnreachable(cause));
	}

	/**
	 * Whether the record failed because the service's own database cannot be reached
	 * ({@link #isDatabaseUnreachable}), anywhere in the chain of causes.
	 */
	public static boolean isCausedByUnreachableDatabase(Exception ex) {
		return anyCause(ex, ConsumerFailures::isDatabaseUnreachable);
	}

	private static boolean anyCause(Exception ex, Predicate<Throwable> test) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (test.test(cause)) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * The database cannot be reached: the pool timed out waiting for a connection
	 * ({@link SQLTransientConnectionException}), or the driver reports SQLState class
	 * {@code 08} (connection refused or lost) or {@code 57P01}–{@code 57P03} (server
	 * shutting down, crashed, starting up).
	 */
	static boolean isDatabaseUnreachable(Throwable cause) {
		if (cause instanceof SQLTransientConnectionException) {
			return true;
		}
		String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
		return state != null && (state.startsWith("08") || state.startsWith("57P"));
	}

}
