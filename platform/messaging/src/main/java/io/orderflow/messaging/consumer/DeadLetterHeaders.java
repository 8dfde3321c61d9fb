package io.orderflow.messaging.consumer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;

import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ErrorHandlingUtils;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.support.KafkaHeaders;

/**
 * The explanation a dead letter carries, bounded in size: spring-kafka's
 * {@code kafka_dlt-exception-*} headers, each cut to a fixed number of bytes (the stack
 * trace to its first {@value #MAX_STACK_TRACE_BYTES}), and our own
 * {@code orderflow_dlt-*} ones ({@link ConsumerFailures}).
 *
 * <p>
 * Why a bound: a dead letter is the original record whole plus these headers. A record
 * may be as large as its topic allows
 * ({@code orderflow.messaging.topics.max-message-size}), so the dead-letter topics and
 * the producer allow {@link #HEADROOM_BYTES} more than that. Unbounded, a long exception
 * message or a deep stack trace made the copy of a maximum-size record larger than any
 * limit, the dead-lettering failed, and the consumer retried it forever.
 *
 * <p>
 * The bound: everything a dead letter adds to the original record's key, value and
 * headers is at most {@link #MAX_ADDED_BYTES}: the capped exception headers below,
 * {@code orderflow_dlt-reason} (at most {@value #MAX_TEXT_BYTES} bytes),
 * {@code orderflow_dlt-attempts}, the delivery attempt, and spring-kafka's
 * {@code kafka_dlt-original-*} headers (topic names have at most 249 characters, consumer
 * group ids are configuration), each with its name. {@link #HEADROOM_BYTES} adds as much
 * again for the record batch's framing and the producer's estimate of a record's size,
 * which counts every length at its largest encoding.
 */
public final class DeadLetterHeaders {

	/** The most bytes one text header (exception message, reason) holds. */
	public static final int MAX_TEXT_BYTES = 4 * 1024;

	/**
	 * The most bytes of the stack trace header: the exception and its first frames, which
	 * say where it failed.
	 */
	public static final int MAX_STACK_TRACE_BYTES = 8 * 1024;

	/** The most bytes of a class name header. */
	static final int MAX_CLASS_NAME_BYTES = 512;

	/**
	 * The most bytes a dead letter adds to the original record, headers' names and
	 * framing included.
	 */
	public static final int MAX_ADDED_BYTES = 32 * 1024;

	/**
	 * What dead-letter topics and the producer allow above the topics' maximum record
	 * size.
	 */
	public static final int HEADROOM_BYTES = 2 * MAX_ADDED_BYTES;

	static final String TRUNCATED = " [truncated]";

	private DeadLetterHeaders() {
	}

	/**
	 * spring-kafka's exception headers, as {@code DeadLetterPublishingRecoverer} writes
	 * them by default (replacing any a previous dead-lettering left), each capped.
	 */
	public static DeadLetterPublishingRecoverer.ExceptionHeadersCreator exceptionHeaders() {
		return DeadLetterHeaders::addExceptionHeaders;
	}

	static void addExceptionHeaders(Headers headers, Exception exception, boolean isKey, HeaderNames names) {
		Throwable cause = rootCause(exception);
		replace(headers, isKey ? KafkaHeaders.DLT_KEY_EXCEPTION_FQCN : KafkaHeaders.DLT_EXCEPTION_FQCN,
				truncate(exception.getClass().getName(), MAX_CLASS_NAME_BYTES));
		replace(headers, KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN,
				truncate(cause.getClass().getName(), MAX_CLASS_NAME_BYTES));
		String message = message(exception, cause);
		if (message != null) {
			replace(headers, isKey ? KafkaHeaders.DLT_KEY_EXCEPTION_MESSAGE : KafkaHeaders.DLT_EXCEPTION_MESSAGE,
					truncate(message, MAX_TEXT_BYTES));
		}
		replace(headers, isKey ? KafkaHeaders.DLT_KEY_EXCEPTION_STACKTRACE : KafkaHeaders.DLT_EXCEPTION_STACKTRACE,
				truncate(stackTrace(exception), MAX_STACK_TRACE_BYTES));
	}

	/**
	 * The text's UTF-8 bytes, at most {@code maxBytes} of them: cut on a character
	 * boundary and marked {@value #TRUNCATED} when it is longer.
	 */
	public static byte[] truncate(String text, int maxBytes) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		if (bytes.length <= maxBytes) {
			return bytes;
		}
		byte[] marker = TRUNCATED.getBytes(StandardCharsets.UTF_8);
		int end = maxBytes - marker.length;
		// a continuation byte (10xxxxxx) is inside a character: cut before the character
		// it belongs to
		while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
			end--;
		}
		byte[] cut = new byte[end + marker.length];
		System.arraycopy(bytes, 0, cut, 0, end);
		System.arraycopy(marker, 0, cut, end, marker.length);
		return cut;
	}

	/** As spring-kafka says it: the exception's message, then its root cause's. */
	private static String message(Exception exception, Throwable cause) {
		String message = exception.getMessage();
		if (cause == exception || cause.getMessage() == null) {
			return message;
		}
		return message == null ? cause.getMessage() : message + "; " + cause.getMessage();
	}

	/**
	 * The exception the listener or the deserializer threw, as spring-kafka finds it
	 * ({@code ErrorHandlingUtils.findRootCause}): the container's wrappers taken off, and
	 * the {@link BatchListenerFailedException} with which a batch listener names the
	 * record ({@link RecordBatches}), so that a batch listener's dead letter reads as a
	 * record listener's; nothing deeper, so that the message names the verdict ("unknown
	 * order ...") rather than a detail behind it.
	 */
	private static Throwable rootCause(Exception exception) {
		Exception cause = ErrorHandlingUtils.findRootCause(exception);
		while (cause instanceof BatchListenerFailedException batch && batch.getCause() instanceof Exception inner) {
			cause = ErrorHandlingUtils.findRootCause(inner);
		}
		return cause;
	}

	private static String stackTrace(Throwable exception) {
		StringWriter out = new StringWriter();
		exception.printStackTrace(new PrintWriter(out, true));
		return out.toString();
	}

	private static void replace(Headers headers, String name, byte[] value) {
		headers.remove(name);
		headers.add(name, value);
	}

}
