package io.orderflow.provider.simulator;

import java.util.HashMap;
import java.util.Map;

/**
 * A request the provider refuses, thrown anywhere while handling it and turned into a problem
 * response by the {@link Router}. It carries no stack trace: it is an answer, not a failure.
 */
final class ApiException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final String slug;

	private final String title;

	private final String code;

	private final transient Map<String, String> headers;

	ApiException(int status, String slug, String title, String detail) {
		this(status, slug, title, detail, null, Map.of());
	}

	private ApiException(int status, String slug, String title, String detail, String code,
			Map<String, String> headers) {
		super(detail, null, false, false);
		this.status = status;
		this.slug = slug;
		this.title = title;
		this.code = code;
		this.headers = Map.copyOf(headers);
	}

	static ApiException invalidRequest(String detail) {
		return new ApiException(400, "invalid-request", "Invalid request", detail);
	}

	static ApiException notFound(String detail) {
		return new ApiException(404, "not-found", "Not found", detail);
	}

	/**
	 * The same refusal with a machine-readable code, as payment providers give one where a client
	 * may act on it (Stripe's {@code error.code}).
	 */
	ApiException withCode(String errorCode) {
		return new ApiException(status, slug, title, getMessage(), errorCode, headers);
	}

	ApiException withHeader(String name, String value) {
		Map<String, String> more = new HashMap<>(headers);
		more.put(name, value);
		return new ApiException(status, slug, title, getMessage(), code, more);
	}

	int status() {
		return status;
	}

	/** The answer this refusal is, as written to the client or stored under an idempotency key. */
	ApiResponse toResponse(String instance) {
		return new ApiResponse(status, new Problem(Problem.type(slug), title, status, getMessage(), instance, code),
				headers);
	}

}
