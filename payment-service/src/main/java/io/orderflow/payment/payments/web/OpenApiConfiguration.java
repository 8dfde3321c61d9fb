package io.orderflow.payment.payments.web;

import java.util.List;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of payment-service ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}). The committed copy is {@code payment-service/openapi.json};
 * {@code OpenApiDocumentIT} fails when they differ. Every 4xx/5xx response an operation
 * declares is an RFC 9457 {@code application/problem+json} problem, and a
 * {@code @Nullable} field is nullable (both from platform-web's
 * {@code OpenApiDocumentAutoConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/**
	 * The version of the HTTP contract, not of the build: it changes only when the API
	 * does.
	 */
	static final String API_VERSION = "2";

	@Bean
	OpenAPI paymentServiceOpenApi() {
		return new OpenAPI()
			.info(new Info().title("orderflow payment-service")
				.version(API_VERSION)
				.description("""
						Charges and refunds orders through the external payment provider. Its HTTP API is a read \
						side only: payments are driven by events, never by HTTP calls.

						**Consumes** Kafka topic `%s` (OrderPlaced: charge once, with the order id as the provider's \
						idempotency key; OrderCancellationRequested and OrderExpired: refund or void). **Publishes** \
						`%s` (PaymentAuthorized, PaymentDeclined, PaymentRefunded) through a transactional outbox. \
						Calls to the provider are guarded by a circuit breaker, timeouts and bounded retries. \
						Message contracts: module shared-events.

						Errors are `application/problem+json` (RFC 9457).""".formatted(OrderEvent.TOPIC,
						PaymentEvent.TOPIC))
				.license(new License().name("Apache-2.0").identifier("Apache-2.0")))
			// relative: Swagger UI and clients call the host that served the document
			.servers(List.of(new Server().url("/").description("this payment-service")));
	}

}
