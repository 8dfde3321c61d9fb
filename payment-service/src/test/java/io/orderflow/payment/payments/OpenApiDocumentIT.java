package io.orderflow.payment.payments;

import java.net.http.HttpResponse;

import io.orderflow.testsupport.openapi.CommittedOpenApiDocument;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document payment-service publishes ({@code /v3/api-docs}) is the one
 * committed as {@code payment-service/openapi.json}, so every change of its HTTP API is
 * deliberate and reviewed.
 */
class OpenApiDocumentIT extends PaymentServiceIntegrationTestBase {

	@Test
	void publishedDocumentIsTheCommittedOne() {
		HttpResponse<String> response = get("/v3/api-docs", null); // open: a client reads
																	// it before it has a
																	// token

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		CommittedOpenApiDocument.assertMatches("payment-service", response.body());
	}

}
