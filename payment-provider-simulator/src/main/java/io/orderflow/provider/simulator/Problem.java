package io.orderflow.provider.simulator;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An RFC 9457 problem document: every error this provider answers has this shape. */
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance" })
record Problem(String type, String title, int status, String detail, String instance) {

	static final String MEDIA_TYPE = "application/problem+json";

	/** Problem type URIs are URNs: stable identifiers that do not pretend to be web pages. */
	static String type(String slug) {
		return "urn:orderflow:payment-provider:problem:" + slug;
	}

}
