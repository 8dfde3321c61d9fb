package io.orderflow.provider.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * An answer before it is written: a status, a body serialised as JSON (none when {@code null}; a
 * {@link TextBody} as it is) and extra headers. Immutable, so an idempotent replay can hand out
 * the very same instance again.
 */
record ApiResponse(int status, Object body, Map<String, String> headers) {

	ApiResponse {
		headers = Map.copyOf(headers);
	}

	static ApiResponse of(int status, Object body) {
		return new ApiResponse(status, body, Map.of());
	}

	static ApiResponse noContent() {
		return new ApiResponse(204, null, Map.of());
	}

	ApiResponse withHeader(String name, String value) {
		Map<String, String> more = new HashMap<>(headers);
		more.put(name, value);
		return new ApiResponse(status, body, more);
	}

}
