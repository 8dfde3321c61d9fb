package io.orderflow.provider.simulator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem document: every error this provider answers has this shape.
 *
 * @param code a machine-readable reason a client may act on, like Stripe's {@code error.code}
 * (e.g. {@code api_key_invalid}, {@code resource_missing}); omitted when there is none
 */
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "code" })
record Problem(String type, String title, int status, String detail, String instance,
		@JsonInclude(JsonInclude.Include.NON_NULL) String code) {

	static final String MEDIA_TYPE = "application/problem+json";

	/** Problem type URIs are URNs: stable identifiers that do not pretend to be web pages. */
	static String type(String slug) {
		return "urn:orderflow:payment-provider:problem:" + slug;
	}

}
