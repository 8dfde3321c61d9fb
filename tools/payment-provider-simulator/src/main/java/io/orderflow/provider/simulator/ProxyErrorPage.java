package io.orderflow.provider.simulator;

import io.orderflow.probes.http.Response;

/**
 * What a misconfigured or overloaded proxy in front of a provider answers: {@code 200 OK}
 * with an HTML page. A client that takes every 2xx for the provider's JSON answer learns
 * here that it must not.
 */
final class ProxyErrorPage {

	static final String MEDIA_TYPE = "text/html";

	private static final String PAGE = """
			<!DOCTYPE html>
			<html>
			<head><title>Service temporarily unavailable</title></head>
			<body>
			<h1>Service temporarily unavailable</h1>
			<p>The server is temporarily unable to service your request. Please try again later.</p>
			<hr><address>edge-proxy</address>
			</body>
			</html>
			""";

	private ProxyErrorPage() {
	}

	static Response response() {
		return Response.text(200, MEDIA_TYPE, PAGE);
	}

}
