package io.orderflow.testsupport.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A plain JDK HTTP client for calling a service under test on its local port: the
 * services' integration tests talk to the real server over the network, the way a client
 * does, not through MockMvc.
 */
public final class ServiceHttp {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private ServiceHttp() {
	}

	/**
	 * {@code GET http://127.0.0.1:<port><pathAndQuery>} asking for JSON. A path and query
	 * that is no valid URI throws {@link IllegalArgumentException} before anything is
	 * sent.
	 */
	public static HttpResponse<String> get(int port, String pathAndQuery) {
		return get(port, pathAndQuery, null);
	}

	/**
	 * {@link #get(int, String)} with this bearer token, as every client of the services
	 * sends one (ADR 0022); {@code null} sends none.
	 */
	public static HttpResponse<String> get(int port, String pathAndQuery, String token) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(10))
			.GET();
		if (token != null) {
			builder.header("Authorization", "Bearer " + token);
		}
		HttpRequest request = builder.build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + pathAndQuery + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
