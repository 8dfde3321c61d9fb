package io.orderflow.messaging.consumer;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** How the error handler tells failures apart and explains them in dead letters. */
public final class ConsumerFailures {

	/** Header naming why a record was dead-lettered, in words: the most specific cause's message. */
	public static final String REASON_HEADER = "orderflow_dlt-reason";

	private ConsumerFailures() {
	}

	/**
	 * spring-kafka's own {@code kafka_dlt-exception-message} says only "failed to deserialize" when the
	 * deserializer refused a record, and names the listener method otherwise. The reason an operator needs is our
	 * own words: the poison verdict or the deserializer's refusal, else the innermost cause.
	 */
	public static Headers reasonHeaders(Exception ex) {
		return new RecordHeaders().add(REASON_HEADER, reason(ex).getBytes(StandardCharsets.UTF_8));
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

	public static boolean isDependencyUnavailable(Exception ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DependencyUnavailableException) {
				return true;
			}
		}
		return false;
	}

}
