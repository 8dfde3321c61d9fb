package io.orderflow.web.tomcat;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.res.StringManager;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report valve, answering an RFC 9457 {@code application/problem+json}
 * document instead of Tomcat's HTML page (property I8: every error is a problem document
 * with a useful message, never a stack trace, docs/architecture.md).
 *
 * <p>
 * Why a valve: Tomcat refuses some requests before any servlet, filter or Spring MVC
 * handler sees them, and the host's error report valve is what writes those answers: a
 * path that {@code CoyoteAdapter.postParseRequest} refuses (an encoded {@code /},
 * {@code \} or NUL, invalid UTF-8, a {@code ..} above the root), and a request line or
 * header block that {@code Http11Processor} cannot parse (an unencoded
 * <code>&#123;</code> or other illegal character in the query, a request head above
 * {@code server.max-http-request-header-size}). Both leave the response in error with no
 * body and pass it through the host pipeline, where this valve writes the document (ADR
 * 0012).
 *
 * <p>
 * The detail is written here, from what Tomcat recorded, and never echoes the request or
 * an exception: the refused input may be hostile. Anything this valve does not handle (no
 * error, a body already written, a committed response) keeps Tomcat's own behaviour,
 * which does nothing in those cases.
 */
public class ProblemJsonErrorReportValve extends ErrorReportValve {

	/**
	 * Tomcat's HTTP/1.1 parser messages, in the same locale the parser used to create
	 * them.
	 */
	private static final StringManager HTTP11_MESSAGES = StringManager.getManager("org.apache.coyote.http11");

	private static final String ILLEGAL_CHARACTER = "The request target contains a character that must be "
			+ "percent-encoded (RFC 3986): a space, a control character or one of [ ] { } | \\ ^ ` \" < >.";

	public ProblemJsonErrorReportValve() {
		// should Tomcat's own report ever run, it shows neither a stack trace nor the
		// server version
		setShowReport(false);
		setShowServerInfo(false);
	}

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.isCommitted() || response.getContentWritten() > 0
				|| !response.isErrorReportRequired()) {
			super.report(request, response, throwable);
			return;
		}
		if (!response.setErrorReported() || !ioAllowed(response)) {
			return;
		}
		String problem = problem(status, detail(request, status, throwable));
		try {
			// the document is ASCII (see json), so it needs no charset parameter, like
			// Spring MVC's problem documents
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			PrintWriter writer = response.getReporter();
			if (writer != null) {
				writer.write(problem);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone: nobody is left to read the answer
		}
	}

	/**
	 * Whether an error that happened before (a broken connection) still allows writing,
	 * as Tomcat's report asks.
	 */
	private static boolean ioAllowed(Response response) {
		AtomicBoolean allowed = new AtomicBoolean(false);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, allowed);
		return allowed.get();
	}

	private static String detail(Request request, int status, Throwable throwable) {
		if (status == 400 && throwable instanceof IllegalArgumentException parseError) {
			// Http11Processor: the request line or the headers could not be parsed
			return unparsableRequestDetail(request, parseError.getMessage());
		}
		if (status == 400 && throwable == null && request.getContext() == null) {
			// CoyoteAdapter.postParseRequest refused the path, so it was never mapped to
			// the application
			return refusedPathDetail(request.getRequestURI());
		}
		if (status == 400) {
			return "The request is malformed and was refused before it reached the application.";
		}
		if (status == 404) {
			return "There is no resource at this path.";
		}
		return (status < 500) ? "The request was refused before it reached the application."
				: "The server could not process the request.";
	}

	/**
	 * Tomcat's parser messages are keys of its own message bundle; the key, never the
	 * message, chooses the detail.
	 */
	private static String unparsableRequestDetail(Request request, String message) {
		if (message == null) {
			return "The request line or the headers are malformed (RFC 9112).";
		}
		if (message.equals(HTTP11_MESSAGES.getString("iib.requestheadertoolarge.error"))) {
			int limit = (request.getConnector().getProtocolHandler() instanceof AbstractHttp11Protocol<?> http11)
					? http11.getMaxHttpRequestHeaderSize() : -1;
			return "The request line and headers are larger than the server accepts"
					+ ((limit > 0) ? " (" + limit + " bytes)" : "") + ": shorten the URL or the headers.";
		}
		if (startsWithMessage(message, "iib.invalidRequestTarget")) {
			return ILLEGAL_CHARACTER;
		}
		if (startsWithMessage(message, "iib.invalidmethod")) {
			return "The request method is not a valid HTTP token.";
		}
		if (startsWithMessage(message, "iib.invalidHttpProtocol")) {
			return "The request line does not name a valid HTTP version.";
		}
		return "The request line or the headers are malformed (RFC 9112).";
	}

	/**
	 * Whether the message was made from the key's pattern: it starts with the pattern's
	 * text before any argument.
	 */
	private static boolean startsWithMessage(String message, String key) {
		String pattern = HTTP11_MESSAGES.getString(key);
		if (pattern == null) {
			return false;
		}
		int argument = pattern.indexOf('{');
		return message.startsWith((argument < 0) ? pattern : pattern.substring(0, argument));
	}

	/** What is wrong with the raw (undecoded) path Tomcat refused. */
	private static String refusedPathDetail(String rawPath) {
		String path = (rawPath != null) ? rawPath.toLowerCase(Locale.ROOT) : "";
		if (path.contains("%2f")) {
			return "The path contains an encoded '/' (%2F), which the server does not accept inside a path segment.";
		}
		if (path.contains("%5c")) {
			return "The path contains an encoded '\\' (%5C), which the server does not accept.";
		}
		if (path.contains("%00")) {
			return "The path contains an encoded NUL character (%00), which the server does not accept.";
		}
		byte[] decoded = percentDecoded(path);
		if (decoded == null) {
			return "The path contains a '%' that is not followed by two hexadecimal digits.";
		}
		if (!isUtf8(decoded)) {
			return "The path contains percent-encoded bytes that are not valid UTF-8.";
		}
		return "The path is not a valid URI path, for example a '..' segment that climbs above the root.";
	}

	private static byte[] percentDecoded(String path) {
		byte[] raw = path.getBytes(StandardCharsets.ISO_8859_1);
		ByteBuffer decoded = ByteBuffer.allocate(raw.length);
		for (int i = 0; i < raw.length; i++) {
			if (raw[i] != '%') {
				decoded.put(raw[i]);
				continue;
			}
			if (i + 2 >= raw.length || !HexFormat.isHexDigit(raw[i + 1]) || !HexFormat.isHexDigit(raw[i + 2])) {
				return null;
			}
			decoded.put((byte) ((HexFormat.fromHexDigit(raw[i + 1]) << 4) + HexFormat.fromHexDigit(raw[i + 2])));
			i += 2;
		}
		byte[] bytes = new byte[decoded.position()];
		decoded.flip().get(bytes);
		return bytes;
	}

	private static boolean isUtf8(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	static String problem(int status, String detail) {
		HttpStatus known = HttpStatus.resolve(status);
		String title = (known != null) ? known.getReasonPhrase() : (status < 500) ? "Client Error" : "Server Error";
		return "{\"type\":\"about:blank\",\"title\":" + json(title) + ",\"status\":" + status + ",\"detail\":"
				+ json(detail) + "}";
	}

	/**
	 * A JSON string of ASCII characters only (any other as a backslash-u escape),
	 * whatever the writer's charset.
	 */
	static String json(String text) {
		StringBuilder json = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20 || c > 0x7e) {
				json.append(String.format("\\u%04x", (int) c));
			}
			else {
				json.append(c);
			}
		}
		return json.append('"').toString();
	}

}
