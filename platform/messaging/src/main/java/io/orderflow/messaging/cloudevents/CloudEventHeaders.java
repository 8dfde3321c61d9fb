package io.orderflow.messaging.cloudevents;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Header names of the CloudEvents Kafka protocol binding, binary content mode: the
 * payload is the event's JSON, the CloudEvents attributes travel as {@code ce_*} headers.
 *
 * @see <a href=
 * "https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md">
 * CloudEvents Kafka protocol binding</a>
 */
public final class CloudEventHeaders {

	public static final String SPEC_VERSION = "ce_specversion";

	public static final String ID = "ce_id";

	public static final String SOURCE = "ce_source";

	public static final String TYPE = "ce_type";

	public static final String TIME = "ce_time";

	public static final String SUBJECT = "ce_subject";

	/**
	 * In binary mode the {@code datacontenttype} attribute maps to the plain Kafka
	 * {@code content-type} header.
	 */
	public static final String CONTENT_TYPE = "content-type";

	public static final String SPEC_VERSION_1_0 = "1.0";

	public static final String APPLICATION_JSON = "application/json";

	private CloudEventHeaders() {
	}

	public static Optional<String> read(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
	}

	public static void write(Headers headers, String name, String value) {
		headers.remove(name);
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
