package io.orderflow.console.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** An RFC 9457 problem document: every error the console answers has this shape. */
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance" })
record Problem(String type, String title, int status, String detail, String instance) {

	static final String MEDIA_TYPE = "application/problem+json";

	static String type(String slug) {
		return "urn:orderflow:console:problem:" + slug;
	}

}
