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

	/**
	 * {@code GET /actuator/prometheus} in the text exposition format, not JSON, without a
	 * token: as Prometheus scrapes a service's management port of its own.
	 */
	public static HttpResponse<String> scrape(int port) {
		return scrape(port, null);
	}

	/**
	 * {@code GET /actuator/prometheus} with the operator's bearer token, which a
	 * service's main port asks for (ADR 0022); {@code null} sends none.
	 */
	public static HttpResponse<String> scrape(int port, String token) {
		return scrape(URI.create("http://127.0.0.1:" + port), token);
	}

	private static HttpResponse<String> scrape(URI base, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/actuator/prometheus"))
			.header("Accept", "text/plain");
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		try {
			return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
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
		return text(port, null);
	}

	/**
	 * The body of a successful scrape with the operator's token
	 * ({@link #scrape(int, String)}).
	 */
	public static String text(int port, String token) {
		return text(URI.create("http://127.0.0.1:" + port), token);
	}

	/**
	 * The body of a successful scrape of a management port that is not on the loopback
	 * interface (a service on an isolated host), without a token.
	 * @param managementUri where the management port answers
	 */
	public static String text(URI managementUri) {
		return text(managementUri, null);
	}

	private static String text(URI base, String token) {
		HttpResponse<String> response = scrape(base, token);
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
