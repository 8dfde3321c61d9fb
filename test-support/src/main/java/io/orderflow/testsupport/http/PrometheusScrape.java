package io.orderflow.testsupport.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads a service's metrics the way Prometheus does, so tests see exactly what a scrape sees. */
public final class PrometheusScrape {

	private PrometheusScrape() {
	}

	/** {@code GET /actuator/prometheus} in the text exposition format, not JSON. */
	public static HttpResponse<String> scrape(int port) {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
					.header("Accept", "text/plain")
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
