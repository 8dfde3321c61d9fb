package io.orderflow.testsupport.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import io.orderflow.probes.metrics.PrometheusText;

/**
 * Reads a service's metrics the way Prometheus does, so tests see exactly what a scrape
 * sees.
 */
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

	/**
	 * The body of a successful scrape; a scrape that fails is an error of the test's
	 * system, not a finding.
	 */
	public static String text(int port) {
		HttpResponse<String> response = scrape(port);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Scrape answered " + response.statusCode() + ": " + response.body());
		}
		return response.body();
	}

	/** The sample lines of one metric in a scrape: {@code name{labels} value}. */
	public static List<String> samples(String scrape, String metric) {
		return PrometheusText.samples(scrape, Set.of(metric)).stream().map(PrometheusText.Sample::line).toList();
	}

}
