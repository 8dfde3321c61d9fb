package io.orderflow.console.events;

/**
 * Header names of the CloudEvents Kafka binding (binary mode) and of the services'
 * dead-letter topics, as they are on the wire. The services write them with
 * platform/messaging, which the console does not depend on: it reads records as any
 * outside consumer would.
 */
final class CloudEventsHeaders {

	static final String ID = "ce_id";

	static final String SOURCE = "ce_source";

	static final String TYPE = "ce_type";

	static final String TIME = "ce_time";

	static final String SPEC_VERSION = "ce_specversion";

	static final String CONTENT_TYPE = "content-type";

	/**
	 * Why a record was dead-lettered, in words (platform/messaging's
	 * {@code ConsumerFailures}).
	 */
	static final String DEAD_LETTER_REASON = "orderflow_dlt-reason";

	private CloudEventsHeaders() {
	}

}
