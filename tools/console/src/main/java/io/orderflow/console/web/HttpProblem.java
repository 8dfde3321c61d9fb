package io.orderflow.console.web;

import java.util.Map;

/** A request the console refuses, turned into a {@link Problem} by {@link ConsoleServer}. No stack trace. */
final class HttpProblem extends RuntimeException {

	private final int status;

	private final String slug;

	private final String title;

	private final transient Map<String, String> headers;

	HttpProblem(int status, String slug, String title, String detail, Map<String, String> headers) {
		super(detail, null, false, false);
		this.status = status;
		this.slug = slug;
		this.title = title;
		this.headers = Map.copyOf(headers);
	}

	HttpProblem(int status, String slug, String title, String detail) {
		this(status, slug, title, detail, Map.of());
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
