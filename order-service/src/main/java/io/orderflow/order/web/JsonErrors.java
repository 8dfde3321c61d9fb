package io.orderflow.order.web;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/** Says what is wrong with an unreadable body in words a client can act on, without parser internals. */
final class JsonErrors {

	private JsonErrors() {
	}

	static String describe(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			return "field '" + mismatch.getPathReference().replaceAll("^.*?\\[\"?", "").replaceAll("\"?\\]$", "")
					+ "' has the wrong type or format";
		}
		if (cause instanceof JacksonException jackson) {
			String message = jackson.getOriginalMessage();
			return message.length() > 200 ? message.substring(0, 200) + "..." : message;
		}
		return ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")
				? "the request body is missing" : "it could not be read";
	}

}
