package io.orderflow.provider.simulator;

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

	private final transient Map<String, String> headers;

	ApiException(int status, String slug, String title, String detail, Map<String, String> headers) {
		super(detail, null, false, false);
		this.status = status;
		this.slug = slug;
		this.title = title;
		this.headers = Map.copyOf(headers);
	}

	ApiException(int status, String slug, String title, String detail) {
		this(status, slug, title, detail, Map.of());
	}

	static ApiException invalidRequest(String detail) {
		return new ApiException(400, "invalid-request", "Invalid request", detail);
	}

	static ApiException notFound(String detail) {
		return new ApiException(404, "not-found", "Not found", detail);
	}

	int status() {
		return status;
	}

	Map<String, String> headers() {
		return headers;
	}

	Problem toProblem(String instance) {
		return new Problem(Problem.type(slug), title, status, getMessage(), instance);
	}

}
