package io.orderflow.probes.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * An answer before it is written: a status, a body and extra headers. The body is written
 * as JSON, except {@code null} (no body), a {@link Bytes} (as it is, with its own media
 * type) and a {@link Stream} (written while it lasts). Immutable, so that an answer can
 * be stored and handed out again.
 */
public record Response(int status, Object body, Map<String, String> headers) {

	public Response {
		headers = Map.copyOf(headers);
	}

	/** A body that is not JSON, with its media type. */
	public record Bytes(String mediaType, byte[] bytes) {
	}

	/** A body written as it comes, e.g. server-sent events, until the writer returns. */
	public record Stream(String mediaType, Writer writer) {
	}

	@FunctionalInterface
	public interface Writer {

		void writeTo(OutputStream out) throws IOException;

	}

	public static Response of(int status, Object body) {
		return new Response(status, body, Map.of());
	}

	public static Response noContent() {
		return new Response(204, null, Map.of());
	}

	/**
	 * A text body in the given media type, e.g. {@code text/html; charset=utf-8}; no body
	 * when empty.
	 */
	public static Response text(int status, String mediaType, String text) {
		return of(status, new Bytes(mediaType, text.getBytes(StandardCharsets.UTF_8)));
	}

	public Response withHeader(String name, String value) {
		Map<String, String> more = new HashMap<>(headers);
		more.put(name, value);
		return new Response(status, body, more);
	}

}
