package io.orderflow.probes.http;

import java.util.HashMap;
import java.util.Map;

/**
 * A request refused, thrown anywhere while handling it and turned into a {@link Problem}
 * answer by the {@link Router}. It carries no stack trace: it is an answer, not a
 * failure.
 */
public final class HttpProblem extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private final String slug;

	private final String title;

	private final String code;

	private final transient Map<String, String> headers;

	/**
	 * @param slug the last part of the problem's type, e.g. {@code not-found}
	 */
	public HttpProblem(int status, String slug, String title, String detail) {
		this(status, slug, title, detail, null, Map.of());
	}

	private HttpProblem(int status, String slug, String title, String detail, String code,
			Map<String, String> headers) {
		super(detail, null, false, false);
		this.status = status;
		this.slug = slug;
		this.title = title;
		this.code = code;
		this.headers = Map.copyOf(headers);
	}

	public static HttpProblem invalidRequest(String detail) {
		return new HttpProblem(400, "invalid-request", "Invalid request", detail);
	}

	public static HttpProblem notFound(String detail) {
		return new HttpProblem(404, "not-found", "Not found", detail);
	}

	/**
	 * The same refusal with a machine-readable code a client may act on (Stripe's
	 * {@code error.code}).
	 */
	public HttpProblem withCode(String errorCode) {
		return new HttpProblem(status, slug, title, getMessage(), errorCode, headers);
	}

	/** The same refusal with a header, e.g. {@code Retry-After} or {@code Allow}. */
	public HttpProblem withHeader(String name, String value) {
		Map<String, String> more = new HashMap<>(headers);
		more.put(name, value);
		return new HttpProblem(status, slug, title, getMessage(), code, more);
	}

	public int status() {
		return status;
	}

	/**
	 * The answer this refusal is, as written to the client or stored to be replayed.
	 * @param problemTypes the prefix of the problem's type, e.g.
	 * {@code urn:orderflow:console:problem:}
	 * @param instance the path of the request
	 */
	public Response toResponse(String problemTypes, String instance) {
		return new Response(status, new Problem(problemTypes + slug, title, status, getMessage(), instance, code),
				headers);
	}

}
