package io.orderflow.payment.payments;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider edge's circuit breaker, retry and bulkhead are visible where Prometheus scrapes. */
class ResilienceMetricsIT extends PaymentServiceIntegrationTestBase {

	@Test
	void thePaymentProviderEdgeIsScrapedWithItsCircuitState() {
		HttpResponse<String> response = scrape();

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"payment-provider\"[^}]*state=\"closed\"[^}]*} 1")
			.contains("resilience4j_retry_calls_total{")
			.contains("resilience4j_bulkhead_available_concurrent_calls{");
	}

	@LocalServerPort
	int serverPort;

	/** As Prometheus does: text exposition format, not JSON. */
	private HttpResponse<String> scrape() {
		try {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/actuator/prometheus"))
					.header("Accept", "text/plain")
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
