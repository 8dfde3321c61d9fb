package io.orderflow.probes.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem document: every refusal a {@link Router} answers has this shape.
 *
 * @param type a URN, {@code urn:orderflow:<server>:problem:<slug>}: a stable identifier
 * that does not pretend to be a web page
 * @param code a machine-readable reason a client may act on, like Stripe's
 * {@code error.code} (e.g. {@code api_key_invalid}); omitted when there is none
 */
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "code" })
public record Problem(String type, String title, int status, String detail, String instance,
		@JsonInclude(JsonInclude.Include.NON_NULL) String code) {

	public static final String MEDIA_TYPE = "application/problem+json";

}
