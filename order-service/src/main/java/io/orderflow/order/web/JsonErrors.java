package io.orderflow.order.web;

import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Says what is wrong with an unreadable body in words a client can act on, without parser
 * internals.
 */
final class JsonErrors {

	private JsonErrors() {
	}

	static String describe(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getMostSpecificCause();
		if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
			return "field '" + path(jackson) + "' has the wrong type or format";
		}
		if (cause instanceof MismatchedInputException) {
			// the message would name Java types: say what the client can act on instead
			return "the body must be a JSON object with the fields of an order";
		}
		if (cause instanceof JacksonException jackson) {
			String message = jackson.getOriginalMessage();
			return message.length() > 200 ? message.substring(0, 200) + "..." : message;
		}
		return ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")
				? "the request body is missing" : "it could not be read";
	}

	/**
	 * The JSON path of the offending value as a client wrote it, such as
	 * {@code lines[0].quantity}.
	 */
	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
