package io.orderflow.notification.notifications;

import java.net.http.HttpResponse;

import io.orderflow.testsupport.http.PrometheusScrape;
import io.orderflow.testsupport.identity.TestIdentities;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The mail edge's circuit breaker is visible where Prometheus scrapes. */
class ResilienceMetricsIT extends NotificationServiceIntegrationTestBase {

	@Test
	void theMailServerEdgeIsScrapedWithItsCircuitState() {
		HttpResponse<String> response = PrometheusScrape.scrape(port, TestIdentities.operatorToken());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"mail-server\"");
	}

}
