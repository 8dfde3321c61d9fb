package io.orderflow.payment.payments;

import java.net.http.HttpResponse;

import io.orderflow.testsupport.http.PrometheusScrape;
import io.orderflow.testsupport.identity.TestIdentities;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider edge's circuit breaker, retry and bulkhead are visible where Prometheus
 * scrapes.
 */
class ResilienceMetricsIT extends PaymentServiceIntegrationTestBase {

	@Test
	void thePaymentProviderEdgeIsScrapedWithItsCircuitState() {
		HttpResponse<String> response = PrometheusScrape.scrape(port, TestIdentities.operatorToken());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body())
			.containsPattern(
					"resilience4j_circuitbreaker_state\\{[^}]*name=\"payment-provider\"[^}]*state=\"closed\"[^}]*} 1")
			.contains("resilience4j_retry_calls_total{")
			.contains("resilience4j_bulkhead_available_concurrent_calls{");
	}

}
