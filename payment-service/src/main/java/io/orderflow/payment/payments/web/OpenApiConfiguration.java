package io.orderflow.payment.payments.web;

import java.util.List;

import io.orderflow.events.order.OrderEvent;
import io.orderflow.events.payment.PaymentEvent;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of payment-service ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}). The
 * committed copy is {@code payment-service/openapi.json}; {@code OpenApiDocumentIT} fails when they differ.
 * Every 4xx/5xx response an operation declares is an RFC 9457 {@code application/problem+json} problem.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	/** The version of the HTTP contract, not of the build: it changes only when the API does. */
	static final String API_VERSION = "1";

	private static final String PROBLEM_SCHEMA = "ProblemDetail";

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

						Errors are `application/problem+json` (RFC 9457)."""
					.formatted(OrderEvent.TOPIC, PaymentEvent.TOPIC)))
			// relative: Swagger UI and clients call the host that served the document
			.servers(List.of(new Server().url("/").description("this payment-service")))
			.components(new Components().addSchemas(PROBLEM_SCHEMA, new ObjectSchema().description("RFC 9457 problem details")
				.addProperty("type", new StringSchema().format("uri").example("about:blank")
					.description("absent means about:blank"))
				.addProperty("title", new StringSchema().example("Bad Request"))
				.addProperty("status", new IntegerSchema().format("int32").example(400))
				.addProperty("detail", new StringSchema().example("Required parameter 'orderId' is not present."))
				.addProperty("instance", new StringSchema().format("uri").example("/api/payments"))
				.required(List.of("title", "status", "detail"))));
	}

	/** Declared error responses get the problem body, so the controller stays short. */
	@Bean
	OperationCustomizer problemResponses() {
		return (operation, handlerMethod) -> {
			if (operation.getResponses() != null) {
				operation.getResponses().forEach((code, response) -> {
					if (code.startsWith("4") || code.startsWith("5")) {
						response.setContent(new Content().addMediaType("application/problem+json",
								new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
					}
				});
			}
			return operation;
		};
	}

}
