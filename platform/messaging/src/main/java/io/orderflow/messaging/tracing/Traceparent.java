package io.orderflow.messaging.tracing;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A W3C Trace Context {@code traceparent} value, version {@code 00}:
 * {@code 00-<trace id>-<parent span id>-<flags>}. Written by hand because the column must
 * hold this one format whatever propagation the tracer is configured to produce;
 * Micrometer's {@code Propagator} writes only the configured ones.
 *
 * @see <a href="https://www.w3.org/TR/trace-context/#traceparent-header">W3C Trace
 * Context, traceparent</a>
 */
record Traceparent(String traceId, String spanId, boolean sampled) {

	private static final Pattern VERSION_00 = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

	private static final String INVALID_TRACE_ID = "0".repeat(32);

	private static final String INVALID_SPAN_ID = "0".repeat(16);

	/**
	 * @param traceId 32 lower-case hex digits, or 16 for a 64-bit trace id (padded, as
	 * the specification asks)
	 */
	static Traceparent of(String traceId, String spanId, boolean sampled) {
		return new Traceparent(traceId.length() == 16 ? "0".repeat(16) + traceId : traceId, spanId, sampled);
	}

	/** Empty for {@code null} and for anything that is not a valid version-00 value. */
	static Optional<Traceparent> parse(String value) {
		if (value == null) {
			return Optional.empty();
		}
		Matcher matcher = VERSION_00.matcher(value);
		if (!matcher.matches() || matcher.group(1).equals(INVALID_TRACE_ID)
				|| matcher.group(2).equals(INVALID_SPAN_ID)) {
			return Optional.empty();
		}
		boolean sampled = (Integer.parseInt(matcher.group(3), 16) & 1) == 1;
		return Optional.of(new Traceparent(matcher.group(1), matcher.group(2), sampled));
	}

	String format() {
		return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
	}

}
